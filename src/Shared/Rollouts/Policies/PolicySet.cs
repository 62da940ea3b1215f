namespace Qlrf.Rollouts.Policies;

/// <summary>A versioned set of safety rules. A plan passes only if no rule is broken; every broken rule is reported.</summary>
public sealed record PolicySet(int Version, IReadOnlyList<PolicyRule> Rules)
{
    /// <summary>How approvals of rollouts judged by this set work, where the file says; the settings decide the rest.</summary>
    public ApprovalPolicy Approval { get; init; } = new();

    public IReadOnlyList<PolicyViolation> Evaluate(PolicyContext context) =>
        Rules.SelectMany(r => r.Evaluate(context)).ToList();

    /// <summary>
    /// The largest batch the rules allow for these assets (the smallest cap of any batch-size rule over the
    /// environments in scope), or null when no rule limits it. A recommended batch size is held to it, so a
    /// plan made from defaults does not break the policy it is judged by.
    /// </summary>
    public int? LargestBatchFor(IEnumerable<PlannedAsset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var populations = assets.GroupBy(a => a.Environment, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int? largest = null;
        foreach (var rule in Rules.OfType<MaxBatchPercentRule>())
        {
            foreach (var environment in rule.Environments)
            {
                if (populations.TryGetValue(environment, out var population))
                {
                    var allowed = rule.AllowedBatch(population);
                    largest = largest is null ? allowed : Math.Min(largest.Value, allowed);
                }
            }
        }

        return largest;
    }
}

/// <summary>The policy file's say on approvals: how long one stays open, and how many people a High or Critical risk needs.</summary>
public sealed record ApprovalPolicy(TimeSpan? Timeout = null, int? HighRiskApprovers = null);
