namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>
/// Settings of the GCP executor (<c>Qlrf:Executors:Gcp</c>): how it waits for Compute Engine's zonal operations.
/// Credentials, projects and the API endpoint come from the <c>gcp</c> sources that discovered the assets.
/// </summary>
public sealed class GcpExecutorOptions
{
    /// <summary>How often a zonal operation (stop, disk insert, detach, attach, start) is polled. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one zonal operation may run before the change fails. Default 15 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
}
