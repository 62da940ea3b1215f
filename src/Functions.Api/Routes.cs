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
    public const string AdminOrchestration = "api/v1/admin/orchestrations/{id}";
    public const string AdminOrchestrationTerminate = "api/v1/admin/orchestrations/{id}/terminate";
}
