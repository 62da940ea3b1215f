using Qlrf.Rollouts;

namespace Qlrf.Certificates;

/// <summary>What a person asks for: rotate a certificate, optionally with a new validity.</summary>
public sealed record RotationRequest(string CertificateId, string RequestedBy, int? ValidityDays = null, string? Reason = null);

/// <summary>The parameters of the new version: the current one's subject, SANs and key, with a new validity.</summary>
public sealed record NewVersionParameters(string Subject, IReadOnlyList<string> SubjectAlternativeNames, string KeyType, int KeySize, int ValidityDays);

/// <summary>
/// A planned rotation: the new version's parameters, the usages to update in waves (least critical environment
/// first), the endpoints to validate by handshake, the risk from blast radius and environment, and how many
/// approvals it needs.
/// </summary>
public sealed record RotationPlan
{
    public required string CertificateId { get; init; }

    public required string Store { get; init; }

    public required string StoreKind { get; init; }

    public required string CurrentThumbprint { get; init; }

    public required NewVersionParameters NewVersion { get; init; }

    /// <summary>Deployable usages, wave by wave.</summary>
    public required IReadOnlyList<IReadOnlyList<CertificateUsage>> Waves { get; init; }

    /// <summary>Every usage, for the report: what the rotation touches.</summary>
    public required BlastRadius BlastRadius { get; init; }

    public required RiskAssessment Risk { get; init; }

    public required int RequiredApprovals { get; init; }

    /// <summary>Whether a policy lets it run without approval (only when every environment allows it).</summary>
    public required bool AutoApproved { get; init; }

    public IReadOnlyList<string> Environments => BlastRadius.Environments.Count == 0 ? [Environment] : BlastRadius.Environments;

    /// <summary>The certificate's own environment (the approval's when it has no usages).</summary>
    public required string Environment { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CertificateUsage> EndpointsToValidate => Waves.SelectMany(w => w).Where(u => u.Kind == UsageKind.Endpoint);
}
