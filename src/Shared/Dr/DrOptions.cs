using System.ComponentModel.DataAnnotations;

namespace Qlrf.Dr;

/// <summary>Settings of DR drills, section <c>Qlrf:Dr</c>.</summary>
public sealed class DrOptions
{
    public const string Section = "Qlrf:Dr";

    /// <summary>How long a drill's approval stays open before it expires (nothing runs). Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Qlrf:Dr:ApprovalTimeout must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Distinct approvers a planned failover (high risk) needs; a test failover needs one. Default 2.</summary>
    [Range(1, 10, ErrorMessage = "Qlrf:Dr:HighRiskApprovers must be between 1 and 10.")]
    public int HighRiskApprovers { get; set; } = 2;

    /// <summary>How often a drill looks at a running job and at the workloads during validation. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Qlrf:Dr:PollInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a sync, failover, failback or replication resume may run before the drill gives up on it. Default 2 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Qlrf:Dr:JobTimeout must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Attempts of each DR activity before its failure counts (transient platform errors). Default 3.</summary>
    [Range(1, 20, ErrorMessage = "Qlrf:Dr:ActivityAttempts must be between 1 and 20.")]
    public int ActivityAttempts { get; set; } = 3;

    /// <summary>The wait before an activity's first retry (doubling after). Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Qlrf:Dr:ActivityRetryDelay must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan ActivityRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A pair's maximum drill age when its policy sets none: an older last drill turns readiness amber. Default 90 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Qlrf:Dr:DefaultMaxDrillAge must be between 00:01:00 and 3650.00:00:00.")]
    public TimeSpan DefaultMaxDrillAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>When the scheduler looks for due drills (NCRONTAB, UTC). Default every minute, <c>0 * * * * *</c>.</summary>
    [Required(ErrorMessage = "Qlrf:Dr:SchedulerSchedule is required.")]
    public string SchedulerSchedule { get; set; } = "0 * * * * *";
}
