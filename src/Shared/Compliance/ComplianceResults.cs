namespace Qlrf.Compliance;

/// <summary>How a control stands: evidenced and passing, evidenced and failing, or not evidenced by QL-RF at all.</summary>
public enum ControlOutcome
{
    Passing,
    Failing,

    /// <summary>QL-RF holds no evidence for it; the auditor needs what <see cref="ControlResult.ManualEvidence"/> says. Never scored as passing.</summary>
    Manual,
}

/// <summary>A framework as shipped in <c>compliance/*.yaml</c>.</summary>
public sealed record FrameworkRef(string Id, string Version, string Title);

/// <summary>One object (asset, image version, site, DR pair, change, organisation…) that fails a check, and why.</summary>
public sealed record ControlFailure(string ObjectKind, string ObjectId, string CheckId, string Reason)
{
    /// <summary>The object's environment when it has one (assets, images in production, DR pairs).</summary>
    public string? Environment { get; init; }

    public string? Site { get; init; }
}

/// <summary>A control's result: its outcome, how many objects its checks passed and failed, and the failures.</summary>
public sealed record ControlResult(
    string FrameworkId,
    string ControlId,
    string Title,
    ControlOutcome Outcome,
    int Passed,
    int Failed,
    IReadOnlyList<string> CheckIds,
    IReadOnlyList<ControlFailure> Failures)
{
    /// <summary>For a manual control: what the auditor needs instead.</summary>
    public string? ManualEvidence { get; init; }
}

/// <summary>A framework evaluated for an organisation, optionally narrowed to environments.</summary>
public sealed record FrameworkResult(FrameworkRef Framework, DateTimeOffset EvaluatedAt, IReadOnlyList<ControlResult> Controls)
{
    public int Passing => Controls.Count(c => c.Outcome == ControlOutcome.Passing);

    public int Failing => Controls.Count(c => c.Outcome == ControlOutcome.Failing);

    public int Manual => Controls.Count(c => c.Outcome == ControlOutcome.Manual);

    /// <summary>Passing controls as a percentage of the evidenced ones (manual controls count neither way); 0 when none are evidenced.</summary>
    public double Score => Passing + Failing == 0 ? 0 : Math.Round(100.0 * Passing / (Passing + Failing), 1);
}

/// <summary>
/// Evaluates a framework's controls from what QL-RF holds. The compliance engine implements it; evidence packs read
/// their control results through it.
/// </summary>
public interface IComplianceEvaluator
{
    /// <summary>The frameworks shipped (and configured), by id.</summary>
    IReadOnlyList<FrameworkRef> Frameworks { get; }

    /// <summary>
    /// The framework's controls for the organisation; with <paramref name="environments"/> non-empty, only objects in
    /// those environments count. Throws <see cref="Errors.NotFoundException"/> for an unknown framework.
    /// </summary>
    Task<FrameworkResult> EvaluateAsync(string organisation, string frameworkId, IReadOnlyList<string> environments, CancellationToken cancellationToken);
}
