using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// A token issuer for tests: an ES256 key made once per test run, its public half as a JWKS that the test
/// hosts trust (through configuration, or metadata served on a loopback port), and tokens signed with it
/// or, to forge one, with another key.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.qlrf.test/";
    public const string Audience = "api://qlrf-test";
    public const string KeyId = "qlrf-test-1";

    private static readonly ECDsa Signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A key nobody trusts, for forged tokens.</summary>
    public static ECDsa Forger { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string Jwks { get; } = JwksOf(Signer, KeyId);

    public static string Create(
        string subject,
        string? organisation,
        IEnumerable<string> roles,
        string audience = Audience,
        string issuer = Issuer,
        TimeSpan? expiresIn = null,
        ECDsa? signedWith = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles.ToArray() };
        if (organisation is not null)
        {
            claims["org"] = organisation;
        }

        return Sign(issuer, audience, expiresIn ?? TimeSpan.FromMinutes(10), claims, new SigningCredentials(new ECDsaSecurityKey(signedWith ?? Signer) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256));
    }

    /// <summary>A JWT with the given claims, valid from twenty minutes before it expires.</summary>
    public static string Sign(string issuer, string audience, TimeSpan expiresIn, Dictionary<string, object> claims, SigningCredentials credentials)
    {
        var expires = TimeProvider.System.GetUtcNow().UtcDateTime + expiresIn;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-20),
            NotBefore = expires.AddMinutes(-20),
            Expires = expires,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    private static string JwksOf(ECDsa key, string kid)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return $$"""{"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"{{kid}}","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}]}""";
    }
}
