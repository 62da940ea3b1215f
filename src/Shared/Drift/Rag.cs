using System.ComponentModel.DataAnnotations;

namespace Qlrf.Drift;

/// <summary>Red, amber or green: how a coverage percentage reads against the organisation's thresholds.</summary>
public enum RagStatus
{
    Red,
    Amber,
    Green,
}

/// <summary>
/// Coverage thresholds: red below <see cref="RedBelow"/>, amber below <see cref="AmberBelow"/>, green at or
/// above it. Defaults 70 and 90.
/// </summary>
public sealed record RagThresholds(double RedBelow, double AmberBelow)
{
    public static readonly RagThresholds Default = new(70, 90);

    public RagStatus Classify(double coveragePercent) =>
        coveragePercent < RedBelow ? RagStatus.Red : coveragePercent < AmberBelow ? RagStatus.Amber : RagStatus.Green;

    /// <summary>What is wrong with the thresholds, or null.</summary>
    public string? Problem() =>
        RedBelow is < 0 or > 100 || AmberBelow is < 0 or > 100 || double.IsNaN(RedBelow) || double.IsNaN(AmberBelow)
            ? "thresholds are percentages from 0 to 100."
            : RedBelow > AmberBelow ? $"redBelow ({RedBelow}) must not exceed amberBelow ({AmberBelow})." : null;
}

/// <summary>Settings of drift, section <c>Qlrf:Drift</c>.</summary>
public sealed class DriftOptions
{
    public const string Section = "Qlrf:Drift";

    /// <summary>Coverage below this is red, for organisations that have not set their own. Default 70.</summary>
    [Range(0.0, 100.0, ErrorMessage = "Qlrf:Drift:RedBelow must be a percentage from 0 to 100.")]
    public double RedBelow { get; set; } = 70;

    /// <summary>Coverage below this (and not red) is amber, for organisations that have not set their own. Default 90.</summary>
    [Range(0.0, 100.0, ErrorMessage = "Qlrf:Drift:AmberBelow must be a percentage from 0 to 100.")]
    public double AmberBelow { get; set; } = 90;

    /// <summary>When the daily snapshot of the summaries is taken (NCRONTAB, UTC). Default <c>0 5 0 * * *</c>, 00:05 every day.</summary>
    [Required(ErrorMessage = "Qlrf:Drift:SnapshotSchedule is required.")]
    public string SnapshotSchedule { get; set; } = "0 5 0 * * *";

    /// <summary>How long snapshots are kept, in days. Default 400 (a year and some, for year-over-year views).</summary>
    [Range(8, 3650, ErrorMessage = "Qlrf:Drift:SnapshotRetentionDays must be between 8 and 3650.")]
    public int SnapshotRetentionDays { get; set; } = 400;

    public RagThresholds Thresholds => new(RedBelow, AmberBelow);
}
