namespace Qlrf.Rollouts.Policies;

/// <summary>A versioned set of safety rules. A plan passes only if no rule is broken; every broken rule is reported.</summary>
public sealed record PolicySet(int Version, IReadOnlyList<PolicyRule> Rules)
{
    /// <summary>How approvals of rollouts judged by this set work, where the file says; the settings decide the rest.</summary>
    public ApprovalPolicy Approval { get; init; } = new();

    public IReadOnlyList<PolicyViolation> Evaluate(PolicyContext context) =>
        Rules.SelectMany(r => r.Evaluate(context)).ToList();
}

/// <summary>The policy file's say on approvals: how long one stays open, and how many people a High or Critical risk needs.</summary>
public sealed record ApprovalPolicy(TimeSpan? Timeout = null, int? HighRiskApprovers = null);
