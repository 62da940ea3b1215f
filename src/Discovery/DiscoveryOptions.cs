namespace Qlrf.Discovery;

/// <summary>Settings of discovery, section <c>Qlrf:Discovery</c>.</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Qlrf:Discovery";

    /// <summary>The asset sources, by name. Each sweeps on its own schedule.</summary>
    public Dictionary<string, AssetSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What every asset source is configured with; kind-specific settings sit beside these.</summary>
public sealed class AssetSourceOptions
{
    /// <summary>The kind of source: <c>sandbox</c>, or a cloud connector's kind.</summary>
    public string? Kind { get; set; }

    /// <summary>NCRONTAB schedule, as Azure timer triggers take it. Default every 15 minutes.</summary>
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>The organisation the source's assets belong to. Default <c>Qlrf:Tenancy:DefaultOrganisation</c>.</summary>
    public string? Organisation { get; set; }

    /// <summary>Whether the source sweeps at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether the source sweeps once at start-up. Default true.</summary>
    public bool SweepAtStartup { get; set; } = true;

    /// <summary>How long a sweep may take before it is failed. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
