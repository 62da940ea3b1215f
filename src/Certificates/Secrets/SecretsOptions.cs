using Qlrf.Certificates;

namespace Qlrf.Secrets;

/// <summary>Secret inventory settings, section <c>Qlrf:Secrets</c>.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Qlrf:Secrets";

    /// <summary>
    /// The sources, by name, configured as certificate sources are: <c>Kind</c> (<c>sandbox</c>, <c>key-vault</c>,
    /// <c>kubernetes</c>), <c>Schedule</c> (NCRONTAB), <c>Organisation</c>, <c>Environment</c>, <c>SweepAtStartup</c>, and
    /// kind-specific settings.
    /// </summary>
    public Dictionary<string, CertificateSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connectivity check of each workload a rotation restarts (a store may know its own, e.g. the sandbox's).</summary>
    public List<ConnectivityCheckOptions> Checks { get; } = [];

    /// <summary>Rotations: approvers for high risk, unattended environments, approval and check timeouts.</summary>
    public SecretRotationOptions Rotation { get; set; } = new();
}

/// <summary>One configured connectivity check, <c>Qlrf:Secrets:Checks:{n}</c>.</summary>
public sealed class ConnectivityCheckOptions
{
    /// <summary>The workload id as the secret's source names it, e.g. <c>k8s://c1/shop/deployment/web</c>.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Workload { get; set; }

    /// <summary><c>tcp</c> or <c>http</c>.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(tcp|http)$")]
    public string? Kind { get; set; }

    /// <summary><c>host:port</c> for tcp; the URL for http.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Target { get; set; }

    /// <summary>The status an http check expects. Default 200.</summary>
    public int ExpectStatus { get; set; } = 200;
}

/// <summary>Secret rotation settings, section <c>Qlrf:Secrets:Rotation</c>.</summary>
public sealed class SecretRotationOptions
{
    /// <summary>Approvers High and Critical risk need. Default 2.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int HighRiskApprovers { get; set; } = 2;

    /// <summary>How long an approval waits. Default 24 hours.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a connectivity check waits for its answer. Default 5 seconds.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Environments where a rotation may run without approval. Default none.</summary>
    public List<string> UnattendedEnvironments { get; } = [];

    public RotationPolicy ToPolicy() => new() { HighRiskApprovers = HighRiskApprovers, UnattendedEnvironments = [.. UnattendedEnvironments] };
}
