using System.ComponentModel.DataAnnotations;

namespace Qlrf.Certificates;

/// <summary>Certificate inventory and rotation settings, section <c>Qlrf:Certificates</c>.</summary>
public sealed class CertificatesOptions
{
    public const string Section = "Qlrf:Certificates";

    /// <summary>The sources, by name. Each has <c>Kind</c>, <c>Schedule</c> (NCRONTAB), and kind-specific settings.</summary>
    public Dictionary<string, CertificateSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Expiry alert thresholds in days before expiry (0 = expired). Default 30, 7, 0.</summary>
    public List<int> AlertThresholdDays { get; } = [];

    /// <summary>The thresholds in force: <see cref="AlertThresholdDays"/>, or the defaults when none are set.</summary>
    public IReadOnlyList<int> Thresholds => AlertThresholdDays.Count > 0 ? AlertThresholdDays : CertificateAlertRules.DefaultThresholds;

    /// <summary>Rotations: validity of new versions, approvers for high risk, unattended environments.</summary>
    public RotationOptions Rotation { get; set; } = new();
}

/// <summary>One configured certificate source.</summary>
public sealed class CertificateSourceOptions
{
    [Required]
    public string? Kind { get; set; }

    /// <summary>NCRONTAB schedule. Default every 15 minutes.</summary>
    public string Schedule { get; set; } = "0 */15 * * * *";

    public string? Organisation { get; set; }

    /// <summary>The environment of what it finds, unless the source says better. Default <c>sandbox</c>.</summary>
    public string Environment { get; set; } = "sandbox";

    public bool Enabled { get; set; } = true;

    /// <summary>Sweep once when the host starts. Default true.</summary>
    public bool SweepAtStartup { get; set; } = true;
}

/// <summary>Rotation settings, section <c>Qlrf:Certificates:Rotation</c>.</summary>
public sealed class RotationOptions
{
    /// <summary>Validity of a new version when the request names none. Default 90 days.</summary>
    [Range(1, 825)]
    public int DefaultValidityDays { get; set; } = 90;

    /// <summary>Approvers High and Critical risk need. Default 2.</summary>
    [Range(1, 10)]
    public int HighRiskApprovers { get; set; } = 2;

    /// <summary>How long an approval waits. Default 24 hours.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Each sweep proposes a rotation of every store certificate (one with an issuer) expiring within this many days, once
    /// per version; it awaits approval unless <see cref="UnattendedEnvironments"/> cover it. 0 proposes none. Default 30.
    /// </summary>
    [Range(0, 825)]
    public int ProposeWithinDays { get; set; } = 30;

    /// <summary>Environments where a rotation may run without approval. Default none.</summary>
    public List<string> UnattendedEnvironments { get; } = [];

    public RotationPolicy ToPolicy() => new()
    {
        DefaultValidityDays = DefaultValidityDays,
        HighRiskApprovers = HighRiskApprovers,
        UnattendedEnvironments = [.. UnattendedEnvironments],
    };
}
