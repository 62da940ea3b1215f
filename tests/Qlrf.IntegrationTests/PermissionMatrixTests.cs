using System.Net;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>One host with a key per role; nothing swept at start-up.</summary>
public sealed class PermissionMatrixFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public Dictionary<Role, HttpClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        foreach (var role in Enum.GetValues<Role>())
        {
            Clients[role] = await Host.CreateClientAsAsync(role);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>
/// The whole matrix, role × endpoint, read from the route table: each endpoint's declared permission
/// against the issue's table of who holds what. Allowed means the call got past the gate (any status but
/// 401 and 403); refused means 403.
/// </summary>
public sealed class PermissionMatrixTests(PermissionMatrixFixture fixture) : IClassFixture<PermissionMatrixFixture>
{
    /// <summary>The issue's matrix, written out; admin holds every permission there is.</summary>
    private static readonly Dictionary<Role, string[]> Holds = new()
    {
        [Role.Viewer] = ["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets"],
        [Role.Operator] = ["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets", "trigger:drill", "acknowledge:alerts", "execute:tasks", "execute:ai-tasks"],
        [Role.Engineer] =
        [
            "read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets", "trigger:drill", "acknowledge:alerts", "execute:tasks", "execute:ai-tasks",
            "execute:rollout", "manage:images", "apply:patches", "approve:tasks", "rotate:certificates", "approve:ai-tasks", "export:evidence-packs", "rotate:secrets",
        ],
        [Role.Admin] = Enum.GetValues<Permission>().Select(PermissionNames.Of).ToArray(),
    };

    private QlrfHost Host => fixture.Host;

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Operator)]
    [InlineData(Role.Engineer)]
    [InlineData(Role.Admin)]
    public async Task Each_role_reaches_exactly_the_endpoints_its_permissions_allow(Role role)
    {
        var wrong = new List<string>();
        var routes = Host.Routes().Where(r => r.Requires is not null).ToList();
        foreach (var route in routes)
        {
            var allowed = Holds[role].Contains(PermissionNames.Of(route.Requires!.Permission));
            var reply = await fixture.Clients[role].SendAsync(new HttpMethod(route.Method), route.Path(), route.Body);
            var ok = allowed
                ? reply.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                : reply.Status == HttpStatusCode.Forbidden && reply.Problem?.Status == 403;
            if (!ok)
            {
                wrong.Add($"{route} needs {PermissionNames.Of(route.Requires.Permission)}: expected {(allowed ? "allowed" : "403")}, got {(int)reply.Status}");
            }
        }

        Assert.True(routes.Count >= 15, $"only {routes.Count} routes declare a permission");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Without_credentials_every_endpoint_but_the_public_ones_is_401()
    {
        using var anonymous = Host.CreateAnonymousClient();
        var wrong = new List<string>();
        foreach (var route in Host.Routes())
        {
            var reply = await anonymous.SendAsync(new HttpMethod(route.Method), route.Path(), route.Body);
            var ok = route.IsSelfAuthenticated
                ? reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
                : route.IsPublic
                ? reply.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                : reply.Status == HttpStatusCode.Unauthorized && reply.Response.Headers.WwwAuthenticate.ToString() == "Bearer" && reply.Problem?.Status == 401;
            if (!ok)
            {
                wrong.Add($"{route}: got {(int)reply.Status}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_endpoint_declares_a_permission_or_is_public() =>
        Assert.All(Host.Routes(), r => Assert.True(r.Requires is not null || r.IsPublic, $"{r} declares no permission"));

    [Fact]
    public async Task The_openapi_document_names_each_operations_permission()
    {
        using var anonymous = Host.CreateAnonymousClient();

        var document = (await anonymous.FetchAsync("/openapi/v1.json")).Body;

        Assert.Contains("Needs `manage:rbac` in the scope acted on", document, StringComparison.Ordinal);
        Assert.Contains("Needs `read:audit` over the organisation", document, StringComparison.Ordinal);
        foreach (var path in new[] { "/api/v1/rbac/bindings", "/api/v1/rbac/bindings/{id}", "/api/v1/api-keys", "/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify", "/api/v1/rbac/me" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The probes, the OpenAPI document and the Control Tower's sign-in settings are open to all (the sign-in page reads
    /// those before anyone has signed in; they name the OIDC issuer and public client id, nothing secret and nothing of any
    /// organisation); the chat callbacks and approval links are open to QL-RF's sign-in but authenticate callers themselves
    /// (Slack signature, Bot Framework token, signed link), which the test above sees refuse a caller without them.
    /// </summary>
    [Fact]
    public void Only_the_probes_the_openapi_document_the_ui_sign_in_settings_and_the_self_authenticated_channels_are_public()
    {
        Assert.Equal(
            ["GET /api/v1/ui/config", "GET /healthz", "GET /openapi/{documentName}.json", "GET /readyz"],
            Host.Routes().Where(r => r.IsPublic && !r.IsSelfAuthenticated).Select(r => r.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["GET /api/v1/approvals/links/{token}", "POST /api/v1/approvals/links/{token}", "POST /api/v1/callbacks/slack", "POST /api/v1/callbacks/teams"],
            Host.Routes().Where(r => r.IsSelfAuthenticated).Select(r => r.ToString()).Order(StringComparer.Ordinal));
        Assert.All(Host.Routes().Where(r => r.IsSelfAuthenticated), r => Assert.True(r.IsPublic && r.Requires is null, $"{r}"));
    }
}
