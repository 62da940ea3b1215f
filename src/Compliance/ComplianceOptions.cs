using System.ComponentModel.DataAnnotations;

namespace Qlrf.Compliance;

/// <summary>Settings of the compliance engine, section <c>Qlrf:Compliance</c>.</summary>
public sealed class ComplianceOptions
{
    public const string Section = "Qlrf:Compliance";

    /// <summary>The directory of framework files (<c>*.yaml</c>). Default <c>compliance</c> (the repository's, or the copy beside the app).</summary>
    [Required]
    public string Directory { get; set; } = "compliance";

    /// <summary>
    /// How long stored results of checks that change with the clock (ages, expiries, the audit log) serve before a read
    /// re-evaluates them. Default 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>NCRONTAB (UTC) of the daily snapshot (a full re-evaluation of every organisation first). Default <c>0 30 0 * * *</c>.</summary>
    [Required]
    public string SnapshotSchedule { get; set; } = "0 30 0 * * *";

    /// <summary>The environments that count as production (changes, approvals). Default <c>prod</c> and <c>production</c>.</summary>
    [MinLength(1)]
    public IList<string> ProductionEnvironments { get; set; } = ["prod", "production"];

    /// <summary>How many days of daily snapshots a trend may ask for. Default 365.</summary>
    [Range(1, 3650)]
    public int MaxTrendDays { get; set; } = 365;
}
