using Qlrf.Certificates;
using Qlrf.Rollouts;

namespace Qlrf.Secrets;

/// <summary>
/// A planned secret rotation: the workloads to restart in waves (least critical environment first), the risk from
/// how many use it and where, and how many approvals it needs: as a certificate rotation is planned.
/// </summary>
public sealed record SecretRotationPlan
{
    public required string SecretId { get; init; }

    public required string Store { get; init; }

    public required string StoreKind { get; init; }

    public required string CurrentVersion { get; init; }

    public required string Environment { get; init; }

    public required IReadOnlyList<IReadOnlyList<SecretUsage>> Waves { get; init; }

    public required IReadOnlyList<string> Environments { get; init; }

    public required RiskAssessment Risk { get; init; }

    public required int RequiredApprovals { get; init; }

    public required bool AutoApproved { get; init; }
}

/// <summary>Plans a secret rotation. Pure: the secret's usages (with their checks) and recent history are passed in.</summary>
public static class SecretRotationPlanner
{
    /// <param name="fleetUsages">Workload references of every secret in the organisation: the blast radius's share of the fleet.</param>
    public static SecretRotationPlan Plan(Secret secret, IReadOnlyList<SecretUsage> usages, int fleetUsages, (int Count, int Failed) recentRotations, RotationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(usages);
        ArgumentNullException.ThrowIfNull(policy);
        var environments = usages.Select(u => u.Environment).Append(secret.Environment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var risk = RotationPlanning.Risk(environments, usages.Count, fleetUsages, recentRotations, policy.Weights);
        return new SecretRotationPlan
        {
            SecretId = secret.Id,
            Store = secret.Store,
            StoreKind = secret.StoreKind,
            CurrentVersion = secret.Version,
            Environment = secret.Environment,
            Waves = RotationPlanning.Waves(usages, u => u.Environment, u => u.Workload, risk),
            Environments = environments,
            Risk = risk,
            RequiredApprovals = RotationPlanning.RequiredApprovals(risk, policy.HighRiskApprovers),
            AutoApproved = RotationPlanning.Unattended(environments, policy.UnattendedEnvironments),
        };
    }
}
