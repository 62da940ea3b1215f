using System.Globalization;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Rollouts;

/// <summary>Why a rollout is planned as it is: each asset's place, the risk's factors, and each policy's verdict.</summary>
public sealed record PlanExplanation(
    IReadOnlyList<AssetPlacement> Assets,
    RiskExplanation? Risk,
    int? PolicyVersion,
    IReadOnlyList<PolicyApplication> Policies);

/// <summary>
/// Where one asset is in the plan and why: its rank in the planner's order (least critical environment first, healthy
/// before unhealthy, then site and id), its stage and batch, and the reasons in words. Unknown attributes (an asset
/// gone from the inventory since) are null.
/// </summary>
public sealed record AssetPlacement(
    string AssetId,
    int Stage,
    string StageName,
    int Batch,
    int Rank,
    string? Environment,
    double? EnvironmentCriticality,
    bool? Healthy,
    string? Site,
    string? DrPair,
    IReadOnlyList<string> Reasons);

/// <summary>The score and level, the band the level covers, each factor's contribution (largest first), and the pace it recommends.</summary>
public sealed record RiskExplanation(double Score, RiskLevel Level, string Band, IReadOnlyList<RiskContribution> Factors, int RecommendedBatchSize, TimeSpan RecommendedWait);

/// <summary>One policy rule: what kind, which environments it covers (empty: all), whether the plan touches them, and its verdict.</summary>
public sealed record PolicyApplication(string RuleId, string Kind, IReadOnlyList<string> Environments, bool Applies, bool Passed, IReadOnlyList<string> Violations);

/// <summary>Explains a plan from its stages, the assets as planning saw them, its risk and the policies it was judged by.</summary>
public static class PlanExplainer
{
    public static PlanExplanation Explain(
        IReadOnlyList<RolloutStage> stages,
        IReadOnlyDictionary<string, PlannedAsset> assets,
        RiskAssessment? risk,
        PolicySet? policies,
        int? policyVersion,
        IReadOnlyList<PolicyViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(violations);
        return new PlanExplanation(
            Placements(stages, assets),
            risk is null ? null : RiskOf(risk),
            policyVersion,
            Applications(policies is not null && policies.Version == policyVersion ? policies : null, assets, violations));
    }

    private static List<AssetPlacement> Placements(IReadOnlyList<RolloutStage> stages, IReadOnlyDictionary<string, PlannedAsset> assets)
    {
        var total = stages.Sum(s => s.AssetCount);
        var stageOf = stages.SelectMany(s => s.Batches.SelectMany(b => b).Select(id => (id, s))).ToDictionary(p => p.id, p => p.s, StringComparer.Ordinal);
        var partners = assets.Values.Where(a => a.DrPair is not null && stageOf.ContainsKey(a.Id))
            .GroupBy(a => a.DrPair!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToList(), StringComparer.Ordinal);
        var placements = new List<AssetPlacement>(total);
        var rank = 0;
        var before = 0;
        foreach (var stage in stages)
        {
            var through = before + stage.AssetCount;
            for (var b = 0; b < stage.Batches.Count; b++)
            {
                foreach (var id in stage.Batches[b])
                {
                    rank++;
                    var asset = assets.GetValueOrDefault(id);
                    var reasons = new List<string>();
                    reasons.Add(asset is null
                        ? "no longer in the inventory: only its place in the plan is known"
                        : Invariant($"ranked {rank} of {total} in the planner's order (least critical environment first, healthy before unhealthy, then site and id): {asset.Environment} (criticality {EnvironmentCriticality.Of(asset.Environment):0.##}), {(asset.Healthy ? "healthy" : "unhealthy")}, site {asset.Site}"));
                    reasons.Add(stage.IsCanary
                        ? Invariant($"the canary takes the first {stage.AssetCount} of the order, so a fault shows on the least critical assets first")
                        : Invariant($"{stage.Name} takes the order's next {stage.AssetCount} assets, bringing the rollout to {through} of {total} ({100.0 * through / Math.Max(1, total):0.#}%)"));
                    if (asset?.DrPair is { } pair)
                    {
                        foreach (var other in partners[pair].Where(o => o != id))
                        {
                            var otherStage = stageOf[other];
                            reasons.Add(otherStage.Number < stage.Number
                                ? $"its DR partner {other} (pair {pair}) is in the {otherStage.Name}; a pair never shares a stage, so this one waits for a later one"
                                : $"its DR partner {other} (pair {pair}) waits for the {otherStage.Name}; a pair never shares a stage");
                        }
                    }

                    reasons.Add(Invariant($"batch {b + 1} of {stage.Batches.Count} in the {stage.Name}"));
                    placements.Add(new AssetPlacement(
                        id, stage.Number, stage.Name, b + 1, rank, asset?.Environment, asset is null ? null : EnvironmentCriticality.Of(asset.Environment),
                        asset?.Healthy, asset?.Site, asset?.DrPair, reasons));
                }
            }

            before = through;
        }

        return placements;
    }

    private static RiskExplanation RiskOf(RiskAssessment risk)
    {
        var band = risk.Level switch
        {
            RiskLevel.Low => "Low: a score under 25",
            RiskLevel.Medium => "Medium: a score from 25 to under 50",
            RiskLevel.High => "High: a score from 50 to under 75",
            _ => "Critical: a score of 75 or more",
        };
        return new RiskExplanation(risk.Score, risk.Level, band, risk.Contributions.OrderByDescending(c => c.Points).ToList(), risk.RecommendedBatchSize, risk.RecommendedWait);
    }

    private static List<PolicyApplication> Applications(PolicySet? policies, IReadOnlyDictionary<string, PlannedAsset> assets, IReadOnlyList<PolicyViolation> violations)
    {
        var byRule = violations.GroupBy(v => v.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Reason).ToList(), StringComparer.Ordinal);
        var touched = assets.Values.Select(a => a.Environment).ToHashSet(StringComparer.Ordinal);
        var applications = new List<PolicyApplication>();
        foreach (var rule in policies?.Rules ?? [])
        {
            var environments = EnvironmentsOf(rule);
            var found = byRule.GetValueOrDefault(rule.Id) ?? [];
            applications.Add(new PolicyApplication(rule.Id, KindOf(rule), environments, environments.Count == 0 || environments.Any(touched.Contains), found.Count == 0, found));
            byRule.Remove(rule.Id);
        }

        // Violations of rules not in the set at hand: the scope's, or those of a policy file since changed.
        foreach (var (id, reasons) in byRule.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            applications.Add(new PolicyApplication(id, id == "scope" ? "scope" : "unknown", [], true, false, reasons));
        }

        return applications;
    }

    private static IReadOnlyList<string> EnvironmentsOf(PolicyRule rule) => rule switch
    {
        RequireCanaryRule r => r.Environments,
        MaxBatchPercentRule r => r.Environments,
        MaintenanceWindowRule r => r.Environments,
        FreezeWindowRule r => r.Environments,
        _ => [],
    };

    private static string KindOf(PolicyRule rule) => rule switch
    {
        RequireCanaryRule => "require_canary",
        MaxBatchPercentRule r => Invariant($"max_batch_percent ({r.MaxPercent}%)"),
        MaintenanceWindowRule => "maintenance_window",
        FreezeWindowRule r => $"freeze_window ({r.Reason})",
        DrPairSeparationRule => "dr_pair_separation",
        BlockCriticalCvesRule => "block_critical_cves",
        _ => rule.GetType().Name,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
