using System.Net;
using Qlrf.Audit;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>One host, nothing swept at start-up, shared by the sign-in, RBAC, API key and request limit tests.</summary>
public sealed class IdentityHostFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new QlrfHost(Directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        Host.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityHostCollection : ICollectionFixture<IdentityHostFixture>
{
    public const string Name = "identity host";
}

[Collection(IdentityHostCollection.Name)]
public sealed class AuthenticationTests(IdentityHostFixture fixture)
{
    private QlrfHost Host => fixture.Host;

    private async Task<HttpStatusCode> MeAsync(string credential)
    {
        using var client = Host.CreateClientWith(credential);
        return (await client.FetchAsync("/api/v1/rbac/me")).Status;
    }

    [Fact]
    public async Task A_valid_token_signs_in_a_user_of_its_organisation_with_its_roles()
    {
        using var client = Host.CreateUserClient("alice@acme.example", "acme", Role.Engineer);

        var me = (await client.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>();

        Assert.Equal(("acme", "user:alice@acme.example", PrincipalKind.User), (me.Organisation, me.Actor, me.Kind));
        Assert.Equal([new GrantDto(Role.Engineer, "organisation")], me.Grants);
        Assert.Contains("approve:tasks", me.Permissions);
        Assert.DoesNotContain("manage:rbac", me.Permissions);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "forged", TestTokens.Create("mallory", "acme", ["admin"], signedWith: TestTokens.Forger) },
        { "expired", TestTokens.Create("alice", "acme", ["admin"], expiresIn: TimeSpan.FromMinutes(-10)) },
        { "wrong audience", TestTokens.Create("alice", "acme", ["admin"], audience: "api://someone-else") },
        { "wrong issuer", TestTokens.Create("alice", "acme", ["admin"], issuer: "https://evil.example/") },
        { "no organisation", TestTokens.Create("alice", null, ["admin"]) },
        { "not a token", "eyJhbGciOiJub25lIn0.e30." },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401(string why, string token) =>
        Assert.True(await MeAsync(token) == HttpStatusCode.Unauthorized, why);

    [Fact]
    public async Task A_revoked_an_expired_an_unknown_or_a_misspelt_key_gets_401()
    {
        var revoked = await Host.CreateKeyAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(revoked.Token));
        using (var admin = Host.CreateClient())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{revoked.Key.Id}")).Status);
        }

        var expired = await Host.CreateExpiredKeyAsync(Role.Admin);
        var unknown = Qlrf.Identity.ApiKeys.ApiKeyToken.Format("acme", Qlrf.Identity.ApiKeys.ApiKeyToken.NewKeyId(), Qlrf.Identity.ApiKeys.ApiKeyToken.NewSecret());
        var misspelt = revoked.Token[..^1] + (revoked.Token[^1] == 'a' ? 'b' : 'a');

        foreach (var key in new[] { revoked.Token, expired, unknown, misspelt, "qlrf_nonsense" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(key));
        }
    }

    [Fact]
    public async Task Every_refused_sign_in_is_audited_with_its_reason_and_never_the_credential()
    {
        var expired = await Host.CreateExpiredKeyAsync(Role.Viewer);
        var forged = TestTokens.Create("mallory", "acme", ["admin"], signedWith: TestTokens.Forger);
        var wrongAudience = TestTokens.Create("alice", "acme", ["admin"], audience: "api://someone-else");
        foreach (var credential in new[] { expired, forged, wrongAudience })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(credential));
        }

        using (var probe = Host.CreateClientWith(forged))
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.FetchAsync("/healthz")).Status);
        }

        using var admin = Host.CreateClient();
        var reply = await admin.FetchAsync("/api/v1/audit?action=SignInFailed&limit=500");
        var entries = reply.Json<PageDto<AuditEntryDto>>().Items;

        var expiredKeyId = expired.Split('_')[2];
        Assert.Contains(entries, e => e.Details["reason"] == "expired_key" && e.Actor == "key:" + expiredKeyId && e.Organisation == "acme");
        Assert.Contains(entries, e => e.Details["reason"] == "invalid_signature" && e.Actor == "anonymous");
        Assert.Contains(entries, e => e.Details["reason"] == "wrong_audience");
        Assert.All(entries, e => Assert.Equal(AuditOutcome.Failed, e.Outcome));
        Assert.DoesNotContain(entries, e => e.Target == "/healthz");
        foreach (var secret in new[] { expired, forged, wrongAudience, expired.Split('_')[3] })
        {
            Assert.DoesNotContain(secret, reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_user_without_role_claims_gets_the_roles_of_their_bindings_and_only_where_they_reach()
    {
        await Host.BindAsync("bob", Role.Viewer, RoleScope.Organisation);
        await Host.BindAsync("bob", Role.Engineer, RoleScope.Environment("staging"));
        await Host.BindAsync("carol", Role.Engineer, RoleScope.Environment("staging"));
        using var bob = Host.CreateUserClient("bob");
        using var carol = Host.CreateUserClient("carol");

        Assert.Equal(HttpStatusCode.OK, (await bob.FetchAsync("/api/v1/assets")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", "{}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.FetchAsync("/api/v1/assets")).Status);
        var me = (await carol.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>();
        Assert.Equal([new GrantDto(Role.Engineer, "environment:staging")], me.Grants);
        Assert.Empty(me.Permissions);
    }

    [Fact]
    public async Task Signing_keys_come_from_the_issuers_metadata_on_a_loopback_port()
    {
        await using var issuer = await LoopbackIssuer.StartAsync();
        using var directory = new HostDirectory();
        await using var host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Identity:Jwt:Authority"] = issuer.Authority,
            ["Qlrf:Identity:Jwt:RequireHttpsMetadata"] = "false",
            ["Qlrf:Identity:Jwt:Issuer"] = string.Empty,
            ["Qlrf:Identity:Jwt:SigningKeys"] = string.Empty,
        });

        using var valid = host.CreateClientWith(TestTokens.Create("alice", "acme", ["viewer"], issuer: issuer.Authority));
        using var forged = host.CreateClientWith(TestTokens.Create("alice", "acme", ["viewer"], issuer: issuer.Authority, signedWith: TestTokens.Forger));
        using var otherIssuer = host.CreateClientWith(TestTokens.Create("alice", "acme", ["viewer"]));

        Assert.Equal(HttpStatusCode.OK, (await valid.FetchAsync("/api/v1/assets")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.FetchAsync("/api/v1/assets")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherIssuer.FetchAsync("/api/v1/assets")).Status);
        Assert.True(issuer.Requests >= 2);
    }
}
