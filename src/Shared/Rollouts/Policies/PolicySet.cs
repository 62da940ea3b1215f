namespace Qlrf.Rollouts.Policies;

/// <summary>A versioned set of safety rules. A plan passes only if no rule is broken; every broken rule is reported.</summary>
public sealed record PolicySet(int Version, IReadOnlyList<PolicyRule> Rules)
{
    public IReadOnlyList<PolicyViolation> Evaluate(PolicyContext context) =>
        Rules.SelectMany(r => r.Evaluate(context)).ToList();
}
