using System.Net;
using Qlrf.Identity.ApiKeys;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

[Collection(IdentityHostCollection.Name)]
public sealed class ApiKeysTests(IdentityHostFixture fixture)
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_a_hash_and_works_until_revoked()
    {
        using var admin = Host.CreateClient();
        var created = await admin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"ci","role":"operator"}""");
        var key = created.Json<CreatedKeyDto>();
        var secret = key.Key.Split('_')[3];

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("no-store", created.Response.Headers.CacheControl?.ToString());
        Assert.Equal($"/api/v1/api-keys/{key.ApiKey.Id}", created.Response.Headers.Location?.OriginalString);
        Assert.StartsWith($"qlrf_acme_{key.ApiKey.Id}_", key.Key, StringComparison.Ordinal);
        Assert.Equal(("ci", Role.Operator, "organisation", "active"), (key.ApiKey.Name, key.ApiKey.Role, key.ApiKey.Scope, key.ApiKey.Status));
        Assert.InRange((key.ApiKey.ExpiresAt - key.ApiKey.CreatedAt).TotalDays, 89.9, 90.1);

        using var ci = Host.CreateClientWith(key.Key);
        var me = (await ci.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>();
        Assert.Equal(("key:" + key.ApiKey.Id, PrincipalKind.ApiKey), (me.Actor, me.Kind));
        Assert.Contains("execute:tasks", me.Permissions);
        Assert.Equal(HttpStatusCode.Forbidden, (await ci.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"x","role":"admin"}""")).Status);

        var shown = (await admin.FetchAsync($"/api/v1/api-keys/{key.ApiKey.Id}")).Body + (await admin.FetchAsync("/api/v1/api-keys?limit=500")).Body;
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyToken.Hash(secret), shown, StringComparison.Ordinal);
        var stored = StoreText(Host.Directory);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Contains(ApiKeyToken.Hash(secret), stored, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{key.ApiKey.Id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.FetchAsync("/api/v1/rbac/me")).Status);
        var revoked = (await admin.FetchAsync($"/api/v1/api-keys/{key.ApiKey.Id}")).Json<ApiKeyDto>();
        Assert.Equal("revoked", revoked.Status);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{key.ApiKey.Id}")).Status);
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("""{"role":"viewer"}""", "name")]
    [InlineData("""{"name":"x","role":"root"}""", "role")]
    [InlineData("""{"name":"x","role":"viewer","scope":"prod"}""", "scope")]
    [InlineData("""{"name":"x","role":"viewer","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"x","role":"viewer","expiresAt":"2999-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"x","role":"viewer","expiresAt":"soon"}""", "expiresAt")]
    public async Task A_bad_key_request_gets_a_400_naming_the_field(string body, string field)
    {
        using var admin = Host.CreateClient();

        var reply = await admin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", body.Length == 0 ? null : body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Problem!.Errors!.ContainsKey(field), reply.Body);
    }

    [Fact]
    public async Task A_key_narrowed_to_an_environment_holds_its_role_only_there()
    {
        var key = await Host.CreateKeyAsync(Role.Engineer, scope: RoleScope.Environment("staging"));
        var caller = Principal.ApiKey("acme", key.Key.Id, new RoleGrant(Role.Engineer, RoleScope.Environment("staging")));
        var access = Host.Service<IAccessEvaluator>();
        using var client = Host.CreateClientWith(key.Token);

        Assert.True(await access.HasPermissionAsync(caller, Permission.ExecuteRollout, new AccessScope("acme", null, "staging"), default));
        Assert.False(await access.HasPermissionAsync(caller, Permission.ExecuteRollout, new AccessScope("acme", null, "prod"), default));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FetchAsync("/api/v1/assets")).Status);
    }

    /// <summary>The store's bytes (database and write-ahead log) as text, to search for what must not be there.</summary>
    internal static string StoreText(HostDirectory directory) =>
        string.Concat(new[] { directory.DatabasePath, directory.DatabasePath + "-wal" }
            .Where(File.Exists)
            .Select(p =>
            {
                using var stream = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                return reader.ReadToEnd();
            }));
}
