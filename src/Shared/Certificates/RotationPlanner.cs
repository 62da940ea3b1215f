using Qlrf.Rollouts;

namespace Qlrf.Certificates;

/// <summary>Settings a rotation is planned with.</summary>
public sealed record RotationPolicy
{
    /// <summary>Validity of a new version when the request names none. Default 90 days.</summary>
    public int DefaultValidityDays { get; init; } = 90;

    /// <summary>Approvers High and Critical risk need. Default 2.</summary>
    public int HighRiskApprovers { get; init; } = 2;

    /// <summary>Environments where a rotation may run unattended (every environment it touches must be listed). Default none.</summary>
    public IReadOnlyList<string> UnattendedEnvironments { get; init; } = [];

    public RiskWeights Weights { get; init; } = new();
}

/// <summary>Plans a certificate rotation. Pure: usages, the fleet of usages and recent history are passed in.</summary>
public static class RotationPlanner
{
    /// <param name="totalUsages">Usages of every certificate in the organisation: the blast radius's share of the fleet.</param>
    /// <param name="recentRotations">The certificate's recent rotations and how many of them failed.</param>
    public static RotationPlan Plan(Certificate certificate, RotationRequest request, IEnumerable<CertificateUsage> usages, int totalUsages, (int Count, int Failed) recentRotations, RotationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var validity = request.ValidityDays ?? policy.DefaultValidityDays;
        if (validity is < 1 or > 825)
        {
            throw new ArgumentOutOfRangeException(nameof(request), validity, "A new version's validity must be between 1 and 825 days.");
        }

        var radius = BlastRadius.Of(certificate.Id, usages);
        var environments = radius.Environments.Count == 0 ? [certificate.Environment] : radius.Environments;
        var risk = RotationPlanning.Risk(environments, radius.Usages.Count, totalUsages, recentRotations, policy.Weights);
        // Waves by environment criticality, then kind and target (the kind's order is its enum order, written as a sortable key).
        var waves = RotationPlanning.Waves(radius.Usages.Where(u => u.Deployable), u => u.Environment, u => $"{(int)u.Kind:D2}|{u.Target}", risk);
        var unattended = RotationPlanning.Unattended(environments, policy.UnattendedEnvironments);
        return new RotationPlan
        {
            CertificateId = certificate.Id,
            Store = certificate.Store,
            StoreKind = certificate.StoreKind,
            CurrentThumbprint = certificate.Thumbprint,
            Environment = certificate.Environment,
            NewVersion = new NewVersionParameters(certificate.Subject, certificate.SubjectAlternativeNames, certificate.KeyType, certificate.KeySize, validity),
            Waves = waves,
            BlastRadius = radius,
            Risk = risk,
            RequiredApprovals = RotationPlanning.RequiredApprovals(risk, policy.HighRiskApprovers),
            AutoApproved = unattended,
        };
    }
}
