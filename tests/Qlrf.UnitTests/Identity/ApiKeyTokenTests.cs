using Qlrf.Identity.ApiKeys;

namespace Qlrf.UnitTests.Identity;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void A_key_reads_back_as_written_and_matches_only_its_own_hash()
    {
        var (id, secret) = (ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret());
        var token = ApiKeyToken.Format("acme-eu", id, secret);

        Assert.True(ApiKeyToken.TryParse(token, out var key));
        Assert.Equal(("acme-eu", id, secret), (key.Organisation, key.KeyId, key.Secret));
        Assert.True(ApiKeyToken.Matches(secret, ApiKeyToken.Hash(secret)));
        Assert.False(ApiKeyToken.Matches(ApiKeyToken.NewSecret(), ApiKeyToken.Hash(secret)));
        Assert.Matches(ApiKeyToken.KeyIdPattern, id);
        Assert.Equal(52, secret.Length);
    }

    [Fact]
    public void Keys_are_random()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.NewKeyId()).ToHashSet();
        var secrets = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.NewSecret()).ToHashSet();

        Assert.Equal((1000, 1000), (ids.Count, secrets.Count));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("qlrf_")]
    [InlineData("qlrf_acme_kaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("qlrf_Acme_kaaaaaaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("qlrf_acme_xaaaaaaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("qlrf_acme_kaaaaaaaaaaaaaaaaaaaa_aaaa")]
    [InlineData("qlrf_acme_kaaaaaaaaaaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("qlrf_acme_kaaaaaaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_x")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.sig")]
    public void Anything_else_is_not_a_key(string? token) => Assert.False(ApiKeyToken.TryParse(token, out _));

    [Fact]
    public void The_text_form_of_a_presented_or_issued_key_hides_the_secret()
    {
        var secret = ApiKeyToken.NewSecret();
        Assert.True(ApiKeyToken.TryParse(ApiKeyToken.Format("acme", ApiKeyToken.NewKeyId(), secret), out var key));

        Assert.DoesNotContain(secret, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, $"{key}", StringComparison.Ordinal);
    }
}
