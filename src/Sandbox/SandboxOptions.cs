using System.ComponentModel.DataAnnotations;

namespace Qlrf.Sandbox;

/// <summary>Settings of the sandbox platform's executor, section <c>Qlrf:Sandbox</c>.</summary>
public sealed class SandboxOptions : IValidatableObject
{
    public const string Section = "Qlrf:Sandbox";

    /// <summary>How long an image change takes on a sandbox asset. Default none.</summary>
    public TimeSpan ApplyLatency { get; set; } = TimeSpan.Zero;

    /// <summary>Injected faults, so failed canaries, rollbacks and failed drills can be shown and tested.</summary>
    public List<SandboxFault> Faults { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApplyLatency < TimeSpan.Zero || ApplyLatency > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult($"{Section}:ApplyLatency must be between 00:00:00 and 00:10:00.", [nameof(ApplyLatency)]);
        }

        for (var i = 0; i < Faults.Count; i++)
        {
            var fault = Faults[i];
            if (fault.FailRate is < 0 or > 1)
            {
                yield return new ValidationResult($"{Section}:Faults:{i}:FailRate must be between 0 and 1.", [nameof(Faults)]);
            }

            if (fault.Latency < TimeSpan.Zero || fault.Latency > TimeSpan.FromMinutes(10))
            {
                yield return new ValidationResult($"{Section}:Faults:{i}:Latency must be between 00:00:00 and 00:10:00.", [nameof(Faults)]);
            }

            if (!SandboxFault.Operations.Contains(fault.Operation, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"{Section}:Faults:{i}:Operation '{fault.Operation}' is not one of {string.Join(", ", SandboxFault.Operations)}.", [nameof(Faults)]);
            }
        }
    }
}

/// <summary>
/// A fault injected into sandbox operations on matching assets: every given filter must match (none
/// given matches every asset). Whether an asset fails is decided by a stable hash of its id against
/// <see cref="FailRate"/>, so the same assets fail every time.
/// </summary>
public sealed class SandboxFault
{
    public static readonly string[] Operations = ["apply", "health"];

    /// <summary>Which operation fails: <c>apply</c> (an image change) or <c>health</c> (the asset reports unhealthy after a change).</summary>
    public string Operation { get; set; } = "apply";

    public List<string> AssetIds { get; } = [];

    public List<string> Sites { get; } = [];

    public List<string> Environments { get; } = [];

    /// <summary>Share of matching assets that fail, 0 to 1. Default 1 (all).</summary>
    public double FailRate { get; set; } = 1;

    /// <summary>Extra time the operation takes on matching assets.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}
