using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Qlrf.Identity.ApiKeys;
using Qlrf.Json;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// Callers for tests. <see cref="QlrfHost.CreateClient()"/> is an admin of the default organisation; these
/// make every other kind: anonymous, another role, a key narrowed to a project or environment, a user
/// signed in with a token (with role bindings), another organisation.
/// </summary>
public static class Access
{
    public const string OtherOrganisation = "globex";

    public static string DefaultOrganisation(this QlrfHost host) => host.Service<IOptions<TenancyOptions>>().Value.DefaultOrganisation;

    /// <summary>Creates an API key straight through the issuer (no request, no audit entry).</summary>
    public static Task<IssuedApiKey> CreateKeyAsync(
        this QlrfHost host, Role role, string? organisation = null, RoleScope? scope = null, DateTimeOffset? expiresAt = null, string name = "test") =>
        host.Service<ApiKeyIssuer>().IssueAsync(
            organisation ?? host.DefaultOrganisation(), name, role, scope ?? RoleScope.Organisation, expiresAt, "system", CancellationToken.None);

    /// <summary>Stores a key that expired an hour ago, and returns its written form.</summary>
    public static async Task<string> CreateExpiredKeyAsync(this QlrfHost host, Role role)
    {
        var (id, secret, now) = (ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret(), TimeProvider.System.GetUtcNow());
        await host.Service<IApiKeyStore>().AddAsync(new ApiKey
        {
            Organisation = host.DefaultOrganisation(),
            Id = id,
            Name = "expired",
            Role = role,
            Scope = RoleScope.Organisation,
            SecretHash = ApiKeyToken.Hash(secret),
            CreatedAt = now.AddDays(-2),
            CreatedBy = "system",
            ExpiresAt = now.AddHours(-1),
        }, CancellationToken.None);
        return ApiKeyToken.Format(host.DefaultOrganisation(), id, secret);
    }

    /// <summary>A client that sends the given bearer credential (an API key or a token).</summary>
    public static HttpClient CreateClientWith(this QlrfHost host, string credential)
    {
        var client = host.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    /// <summary>A client holding an API key with this role, in this organisation (default: the default one), at this scope.</summary>
    public static async Task<HttpClient> CreateClientAsAsync(this QlrfHost host, Role role, string? organisation = null, RoleScope? scope = null) =>
        host.CreateClientWith((await host.CreateKeyAsync(role, organisation, scope)).Token);

    /// <summary>A client signed in as a user with a token from the test issuer.</summary>
    public static HttpClient CreateUserClient(this QlrfHost host, string subject, string? organisation = null, params Role[] roles) =>
        host.CreateClientWith(TestTokens.Create(subject, organisation ?? host.DefaultOrganisation(), roles.Select(EnumText<Role>.Of)));

    /// <summary>Binds a user to a role at a scope straight through the store.</summary>
    public static Task BindAsync(this QlrfHost host, string subject, Role role, RoleScope scope, string? organisation = null) =>
        host.Service<IRoleBindingStore>().AddAsync(new RoleBinding
        {
            Organisation = organisation ?? host.DefaultOrganisation(),
            Id = Guid.CreateVersion7().ToString(),
            Subject = subject,
            Role = role,
            Scope = scope,
            CreatedAt = TimeProvider.System.GetUtcNow(),
            CreatedBy = "system",
        }, CancellationToken.None);
}
