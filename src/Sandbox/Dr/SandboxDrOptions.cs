using System.ComponentModel.DataAnnotations;

namespace Qlrf.Sandbox.Dr;

/// <summary>
/// Settings of the sandbox DR simulator, section <c>Qlrf:Sandbox:Dr</c>: per-site replication lag, durations and
/// health (<see cref="Sites"/>, falling back to <see cref="Defaults"/>), injected faults, and the sample pairs.
/// Read at each operation, so an edit to the configuration applies to the next drill.
/// </summary>
public sealed class SandboxDrOptions : IValidatableObject
{
    public const string Section = "Qlrf:Sandbox:Dr";

    /// <summary>Values for any site not set under <see cref="Sites"/>.</summary>
    public SandboxDrSite Defaults { get; set; } = SandboxDrSite.BuiltIn();

    /// <summary>Per-site values by site name; a value not set here comes from <see cref="Defaults"/>.</summary>
    public Dictionary<string, SandboxDrSite> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>Injected faults, so a drill can fail in sync, failover, validation, failback or replication resume on demand.</summary>
    public List<SandboxDrFault> Faults { get; } = [];

    /// <summary>
    /// Sample DR pairs loaded into the default organisation at start-up, each only when no pair has its id. Relative
    /// paths are taken from the working directory, then the application's. Empty loads none. Default <c>samples/dr-pairs.yaml</c>.
    /// </summary>
    public string SamplePairsFile { get; set; } = "samples/dr-pairs.yaml";

    /// <summary>The site's values: its own where set, else the defaults'.</summary>
    public SandboxDrSite For(string site)
    {
        var own = Sites.TryGetValue(site, out var s) ? s : null;
        var fallback = Defaults;
        var builtIn = SandboxDrSite.BuiltIn();
        return new SandboxDrSite
        {
            Healthy = own?.Healthy ?? fallback.Healthy ?? builtIn.Healthy,
            HealthDetail = own?.HealthDetail ?? fallback.HealthDetail,
            ReplicationLag = own?.ReplicationLag ?? fallback.ReplicationLag ?? builtIn.ReplicationLag,
            LagAfterSync = own?.LagAfterSync ?? fallback.LagAfterSync ?? builtIn.LagAfterSync,
            SyncDuration = own?.SyncDuration ?? fallback.SyncDuration ?? builtIn.SyncDuration,
            FailoverDuration = own?.FailoverDuration ?? fallback.FailoverDuration ?? builtIn.FailoverDuration,
            WarmUp = own?.WarmUp ?? fallback.WarmUp ?? builtIn.WarmUp,
            FailbackDuration = own?.FailbackDuration ?? fallback.FailbackDuration ?? builtIn.FailbackDuration,
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in Defaults.Problems($"{Section}:Defaults"))
        {
            yield return new ValidationResult(problem, [nameof(Defaults)]);
        }

        foreach (var (name, site) in Sites)
        {
            foreach (var problem in site.Problems($"{Section}:Sites:{name}"))
            {
                yield return new ValidationResult(problem, [nameof(Sites)]);
            }
        }

        for (var i = 0; i < Faults.Count; i++)
        {
            if (!SandboxDrFault.Operations.Contains(Faults[i].Operation, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"{Section}:Faults:{i}:Operation '{Faults[i].Operation}' is not one of {string.Join(", ", SandboxDrFault.Operations)}.", [nameof(Faults)]);
            }
        }
    }
}

/// <summary>How a sandbox site behaves in DR. Unset values fall back (see <see cref="SandboxDrOptions.For"/>).</summary>
public sealed class SandboxDrSite
{
    /// <summary>The longest any duration or lag may be.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>Whether the site reports healthy. Built-in default true.</summary>
    public bool? Healthy { get; set; }

    /// <summary>What an unhealthy site says is wrong.</summary>
    public string? HealthDetail { get; set; }

    /// <summary>How far replication into this site trails its primary. Built-in default 20 seconds.</summary>
    public TimeSpan? ReplicationLag { get; set; }

    /// <summary>The lag left after a drill's replication sync (the drill's RPO). Built-in default 0.</summary>
    public TimeSpan? LagAfterSync { get; set; }

    /// <summary>How long a replication sync (and a replication resume) into this site takes. Built-in default 2 seconds.</summary>
    public TimeSpan? SyncDuration { get; set; }

    /// <summary>How long a failover to this site takes to launch the workloads. Built-in default 5 seconds.</summary>
    public TimeSpan? FailoverDuration { get; set; }

    /// <summary>How long launched workloads take to pass their health checks at this site. Built-in default 5 seconds.</summary>
    public TimeSpan? WarmUp { get; set; }

    /// <summary>How long a failback to this site (as primary) takes. Built-in default 3 seconds.</summary>
    public TimeSpan? FailbackDuration { get; set; }

    public static SandboxDrSite BuiltIn() => new()
    {
        Healthy = true,
        ReplicationLag = TimeSpan.FromSeconds(20),
        LagAfterSync = TimeSpan.Zero,
        SyncDuration = TimeSpan.FromSeconds(2),
        FailoverDuration = TimeSpan.FromSeconds(5),
        WarmUp = TimeSpan.FromSeconds(5),
        FailbackDuration = TimeSpan.FromSeconds(3),
    };

    internal IEnumerable<string> Problems(string path)
    {
        (string Name, TimeSpan? Value)[] spans =
        [
            (nameof(ReplicationLag), ReplicationLag), (nameof(LagAfterSync), LagAfterSync), (nameof(SyncDuration), SyncDuration),
            (nameof(FailoverDuration), FailoverDuration), (nameof(WarmUp), WarmUp), (nameof(FailbackDuration), FailbackDuration),
        ];
        foreach (var (name, value) in spans)
        {
            if (value is { } v && (v < TimeSpan.Zero || v > MaxDuration))
            {
                yield return $"{path}:{name} must be between 00:00:00 and 1.00:00:00.";
            }
        }
    }
}

/// <summary>
/// A fault injected into sandbox DR operations of matching pairs: every given filter must match (none given
/// matches every pair). <c>validation</c> leaves the workloads unhealthy at the recovery site after failover.
/// </summary>
public sealed class SandboxDrFault
{
    public static readonly string[] Operations = ["sync", "failover", "validation", "failback", "resume"];

    public string Operation { get; set; } = "validation";

    /// <summary>Only pairs with one of these as primary or recovery site.</summary>
    public List<string> Sites { get; } = [];

    /// <summary>Only these pair ids.</summary>
    public List<string> Pairs { get; } = [];

    /// <summary>What the failure says; a default names the operation and site.</summary>
    public string? Detail { get; set; }
}
