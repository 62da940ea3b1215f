using Qlrf.Approvals;
using Qlrf.Rollouts;

namespace Qlrf.Certificates;

/// <summary>
/// What certificate and secret rotations plan alike: risk from the blast radius, the environments and recent history
/// (the rollout scorer), the approvals that risk needs, waves of usages (least critical environment first, batch by
/// risk), and whether every environment touched may run unattended. Pure.
/// </summary>
public static class RotationPlanning
{
    public static RiskAssessment Risk(IReadOnlyList<string> environments, int usages, int fleetUsages, (int Count, int Failed) recentRotations, RiskWeights weights) =>
        RiskScorer.Assess(
            new RiskInput(
                environments,
                AssetCount: usages,
                FleetSize: Math.Max(fleetUsages, usages),
                VersionsJumped: 1,
                CriticalCves: 0,
                HighCves: 0,
                RecentRollouts: recentRotations.Count,
                RecentFailures: recentRotations.Failed,
                InBusinessHours: false,
                DrPairs: 0,
                UnhealthyDrPairs: 0,
                RollbackReady: true),
            weights);

    /// <summary>Orders usages least critical environment first (then by environment and <paramref name="key"/>) and cuts them into waves of the risk's batch size.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Waves<T>(IEnumerable<T> usages, Func<T, string> environment, Func<T, string> key, RiskAssessment risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return usages
            .OrderBy(u => EnvironmentCriticality.Of(environment(u)))
            .ThenBy(environment, StringComparer.Ordinal)
            .ThenBy(key, StringComparer.Ordinal)
            .Chunk(Math.Max(1, risk.RecommendedBatchSize))
            .Select(w => (IReadOnlyList<T>)w)
            .ToList();
    }

    public static int RequiredApprovals(RiskAssessment risk, int highRiskApprovers)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return ApprovalRules.RequiredFor(risk.Level.ToString(), highRiskApprovers);
    }

    /// <summary>Whether a policy lets the rotation run without approval: every environment it touches is listed.</summary>
    public static bool Unattended(IEnumerable<string> environments, IReadOnlyList<string> unattendedEnvironments) =>
        environments.All(e => unattendedEnvironments.Contains(e, StringComparer.OrdinalIgnoreCase));
}
