using Qlrf.Certificates;

namespace Qlrf.Secrets;

/// <summary>
/// A secret rotation: its plan, approval, the new version, per-workload progress and outcome. Its statuses and steps are
/// a certificate rotation's (<see cref="RotationStatus"/>, <see cref="RotationStep"/>). Versions only, never values.
/// </summary>
public sealed record SecretRotation
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string SecretId { get; init; }

    public required string RequestedBy { get; init; }

    public string? IdempotencyKey { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public RotationStatus Status { get; init; } = RotationStatus.Planning;

    public SecretRotationPlan? Plan { get; init; }

    public string? PreviousVersion { get; init; }

    public string? NewVersion { get; init; }

    /// <summary>Per workload: restarted, checked, rolled back (and the store's version restored), with why on failure.</summary>
    public IReadOnlyList<RotationStep> Steps { get; init; } = [];

    public string? Error { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsTerminal => Status.IsTerminal();
}

/// <summary>A workload using a secret, what a rotation restarts, and the check that proves it still connects.</summary>
/// <param name="Check">The connectivity check after its restart; null when none is configured (the step says so).</param>
public sealed record SecretUsage(string SecretId, string Workload, string Environment, ConnectivityCheck? Check);

/// <summary>
/// A connectivity check: <c>tcp</c> connects to <see cref="Target"/> (<c>host:port</c>); <c>http</c> GETs
/// <see cref="Target"/> (a URL) and expects <see cref="ExpectStatus"/>.
/// </summary>
public sealed record ConnectivityCheck(string Kind, string Target, int ExpectStatus = 200)
{
    public const string Tcp = "tcp";
    public const string Http = "http";

    public override string ToString() => Kind == Http ? FormattableString.Invariant($"GET {Target} expecting {ExpectStatus}") : $"TCP connect {Target}";
}
