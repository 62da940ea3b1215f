using Qlrf.Certificates;

namespace Qlrf.Workflows.Certificates;

/// <summary>What starts a rotation orchestration (its instance id is the rotation id).</summary>
public sealed record RotationInput(string Organisation, string RotationId, TimeSpan ApprovalTimeout);

/// <summary>How a rotation ended.</summary>
public sealed record RotationOutcome(RotationStatus Status, string Reason, RotationProgress Progress);

/// <summary>A rotation's progress, its custom status.</summary>
public sealed record RotationProgress
{
    public RotationStatus Status { get; init; }

    public int Wave { get; init; }

    public int Waves { get; init; }

    public int Deployed { get; init; }

    public int Validated { get; init; }

    public int Total { get; init; }

    public string? NewThumbprint { get; init; }

    public string? Message { get; init; }
}

/// <summary>A status change of a rotation, with the steps to add, as the activity records it.</summary>
public sealed record RotationStatusChange(
    string Organisation,
    string RotationId,
    RotationStatus Status,
    string? Message,
    IReadOnlyList<RotationStep>? Steps = null,
    IssuedVersion? Issued = null,
    bool Final = false);

/// <summary>Deploys one version to one usage.</summary>
public sealed record DeployUsageInput(string Organisation, string RotationId, string CertificateId, CertificateUsage Usage, string Thumbprint);

/// <summary>Validates one endpoint by handshake against the expected thumbprint.</summary>
public sealed record ValidateEndpointInput(string Organisation, string RotationId, string Target, string ExpectedThumbprint);

/// <summary>Makes the version a rotation rolled back to the store's current one again.</summary>
public sealed record RestoreVersionInput(string Organisation, string RotationId, string Thumbprint);
