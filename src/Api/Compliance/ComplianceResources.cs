using Qlrf.Compliance;
using Qlrf.Compliance.Frameworks;

namespace Qlrf.Api.Compliance;

/// <summary>A framework as shipped: its controls, the checks that evidence each (with parameters), and the manual ones.</summary>
public sealed record FrameworkResource(string Id, string Version, string Title, int Controls, int ManualControls, IReadOnlyList<ControlDefinition> ControlDefinitions)
{
    public static FrameworkResource From(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new(framework.Id, framework.Version, framework.Title, framework.Controls.Count, framework.Controls.Count(c => c.IsManual),
            framework.Controls.Select(c => new ControlDefinition(
                c.Id,
                c.Title,
                c.IsManual,
                c.Checks.Select(u => new CheckReference(u.CheckId, u.Parameters)).ToList(),
                c.IsManual ? null : c.Scoring.MinPassPercent,
                c.Manual)).ToList());
    }
}

public sealed record ControlDefinition(string Id, string Title, bool Manual, IReadOnlyList<CheckReference> Checks, double? MinPassPercent, string? ManualEvidence);

public sealed record CheckReference(string Check, IReadOnlyDictionary<string, string> Parameters);

/// <summary>Every framework's standing for the organisation (in the environments asked for).</summary>
public sealed record ComplianceSummary(DateTimeOffset EvaluatedAt, IReadOnlyList<string> Environments, IReadOnlyList<FrameworkSummary> Frameworks);

public sealed record FrameworkSummary(string Id, string Version, string Title, int Passing, int Failing, int Manual, double Score, IReadOnlyList<ControlSummary> Controls)
{
    public static FrameworkSummary From(FrameworkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Framework.Id, result.Framework.Version, result.Framework.Title, result.Passing, result.Failing, result.Manual, result.Score,
            result.Controls.Select(c => new ControlSummary(c.ControlId, c.Title, c.Outcome, c.Passed, c.Failed)).ToList());
    }
}

public sealed record ControlSummary(string Id, string Title, ControlOutcome Outcome, int Passed, int Failed);

/// <summary>One control: its outcome, counts, checks, what a manual control needs, and a page of its failing objects with reasons.</summary>
public sealed record ControlDetail(
    string Framework,
    string Id,
    string Title,
    ControlOutcome Outcome,
    int Passed,
    int Failed,
    IReadOnlyList<string> Checks,
    string? ManualEvidence,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<ControlFailure> Failures,
    string? NextCursor);

/// <summary>A framework's daily snapshots over a period, oldest first.</summary>
public sealed record ComplianceTrend(string Framework, DateOnly From, DateOnly To, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(DateOnly Day, int Passing, int Failing, int Manual, double Score);
