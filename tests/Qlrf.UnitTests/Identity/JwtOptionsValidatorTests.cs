using Qlrf.Identity;

namespace Qlrf.UnitTests.Identity;

public sealed class JwtOptionsValidatorTests
{
    private const string Jwks = """{"keys":[{"kty":"EC","crv":"P-256","use":"sig","kid":"k","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";

    private static IEnumerable<string> Failures(JwtOptions options) =>
        new JwtOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Jwt_sign_in_is_off_and_valid_when_nothing_is_configured() =>
        Assert.Empty(Failures(new JwtOptions()));

    [Fact]
    public void An_authority_with_an_audience_is_enough() =>
        Assert.Empty(Failures(new JwtOptions { Authority = "https://login.microsoftonline.com/tenant/v2.0", Audience = "api://qlrf" }));

    [Fact]
    public void Signing_keys_with_an_issuer_and_an_audience_are_enough() =>
        Assert.Empty(Failures(new JwtOptions { SigningKeys = Jwks, Issuer = "https://issuer", Audience = "api://qlrf" }));

    [Theory]
    [InlineData("Qlrf:Identity:Jwt:Audience", "https://issuer.example", null, null, null)]
    [InlineData("Qlrf:Identity:Jwt:Authority", null, "api://qlrf", null, null)]
    [InlineData("Qlrf:Identity:Jwt:Issuer", null, "api://qlrf", Jwks, null)]
    [InlineData("Qlrf:Identity:Jwt:SigningKeys", null, "api://qlrf", "not a key set", "https://issuer")]
    [InlineData("Qlrf:Identity:Jwt:Authority must use https", "http://issuer.example", "api://qlrf", null, null)]
    [InlineData("Qlrf:Identity:Jwt:Authority must be an absolute", "issuer.example", "api://qlrf", null, null)]
    public void A_bad_combination_is_refused_naming_the_setting(string expected, string? authority, string? audience, string? keys, string? issuer)
    {
        var failures = Failures(new JwtOptions { Authority = authority, Audience = audience, SigningKeys = keys, Issuer = issuer });

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_metadata_is_allowed_only_when_https_is_not_required() =>
        Assert.Empty(Failures(new JwtOptions { Authority = "http://127.0.0.1:5555", Audience = "api://qlrf", RequireHttpsMetadata = false }));
}
