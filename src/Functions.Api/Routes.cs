namespace Qlrf.Functions.Api;

/// <summary>
/// Every HTTP route, shared by the local host's endpoint mappings and the Azure Functions HTTP triggers
/// (which run with an empty route prefix, so these are the full paths).
/// </summary>
public static class Routes
{
    public const string Healthz = "healthz";
    public const string Readyz = "readyz";

    public const string Assets = "api/v1/assets";
    public const string Asset = "api/v1/assets/{id}";
    public const string Sites = "api/v1/sites";
    public const string DiscoverySweeps = "api/v1/discovery/sweeps";
    public const string DiscoveryRuns = "api/v1/discovery/runs";
    public const string DiscoveryRun = "api/v1/discovery/runs/{id}";
    public const string DiscoveryDeadLetters = "api/v1/discovery/dead-letters";

    public const string RbacRoles = "api/v1/rbac/roles";
    public const string RbacMe = "api/v1/rbac/me";
    public const string RbacBindings = "api/v1/rbac/bindings";
    public const string RbacBinding = "api/v1/rbac/bindings/{id}";
    public const string ApiKeys = "api/v1/api-keys";
    public const string ApiKey = "api/v1/api-keys/{id}";
    public const string Audit = "api/v1/audit";
    public const string AuditExport = "api/v1/audit/export";
    public const string AuditVerify = "api/v1/audit/verify";

    /// <summary>The path of a route with its <c>{id}</c> filled in, as a Location header gives it.</summary>
    public static string PathOf(string route, string id) => "/" + route.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
