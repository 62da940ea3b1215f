using Qlrf.Certificates;
using Qlrf.Secrets;

namespace Qlrf.Workflows.Secrets;

/// <summary>What starts a secret rotation orchestration (its instance id is the rotation id).</summary>
public sealed record SecretRotationInput(string Organisation, string RotationId, TimeSpan ApprovalTimeout);

/// <summary>How a secret rotation ended.</summary>
public sealed record SecretRotationOutcome(RotationStatus Status, string Reason, SecretRotationProgress Progress);

/// <summary>A secret rotation's progress, its custom status.</summary>
public sealed record SecretRotationProgress
{
    public RotationStatus Status { get; init; }

    public int Wave { get; init; }

    public int Waves { get; init; }

    public int Restarted { get; init; }

    public int Checked { get; init; }

    public int Total { get; init; }

    public string? NewVersion { get; init; }

    public string? Message { get; init; }
}

/// <summary>A status change of a secret rotation, with the steps to add, as the activity records it.</summary>
public sealed record SecretRotationStatusChange(
    string Organisation,
    string RotationId,
    RotationStatus Status,
    string? Message,
    IReadOnlyList<RotationStep>? Steps = null,
    string? NewVersion = null,
    bool Final = false);

/// <summary>Restarts one workload with one version of the secret.</summary>
public sealed record RestartWorkloadInput(string Organisation, string RotationId, SecretUsage Usage, string Version);

/// <summary>Makes a version of the rotated secret current in its store.</summary>
public sealed record RestoreSecretVersionInput(string Organisation, string RotationId, string Version);

/// <summary>Who asked for a secret rotation.</summary>
public sealed record SecretRotationHeader(string SecretId, string RequestedBy);

/// <summary>Names used by secret rotations.</summary>
public static class SecretRotationKinds
{
    /// <summary>The approval kind (and the approval listener's) of a secret rotation.</summary>
    public const string Approval = "secret-rotation";
}
