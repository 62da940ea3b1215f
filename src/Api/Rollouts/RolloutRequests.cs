namespace Qlrf.Api.Rollouts;

/// <summary>Body of <c>POST /api/v1/rollouts</c>: what to roll out, to which assets, how, when, and with how much autonomy.</summary>
public sealed record StartRolloutBody(TargetBody? Target, ScopeBody? Scope, StrategyBody? Strategy, WindowBody? Schedule, string? Autonomy);

/// <summary>An image family and version, or a patch set of the patch-set catalogue.</summary>
public sealed record TargetBody(string? ImageFamily, string? ImageVersion, string? PatchSet);

/// <summary>Explicit asset ids, or filters: each list matches any of its values, every given filter and tag must match.</summary>
public sealed record ScopeBody(
    IReadOnlyList<string>? AssetIds,
    IReadOnlyList<string>? Environments,
    IReadOnlyList<string>? Sites,
    IReadOnlyList<string>? Platforms,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>The strategy; what is left out takes the default, or (batch size, wait) the risk's recommendation.</summary>
public sealed record StrategyBody(
    int? CanaryCount,
    double? CanaryPercent,
    IReadOnlyList<int>? Waves,
    int? BatchSize,
    TimeSpan? WaitBetweenWaves,
    HealthGateBody? HealthGate);

/// <summary>The largest failed share of a wave, in percent, and what the health check looks at (<c>state</c>, <c>health</c>, <c>version</c>).</summary>
public sealed record HealthGateBody(double? MaxFailurePercent, IReadOnlyList<string>? Checks);

/// <summary>A maintenance window, UTC.</summary>
public sealed record WindowBody(DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>Body of approve and reject: the decider's comment (required).</summary>
public sealed record DecisionBody(string? Comment);

/// <summary>Body of pause and resume: an optional reason, recorded with the change.</summary>
public sealed record ControlBody(string? Reason);

/// <summary>Body of cancel: whether to roll back what the rollout changed (default false), and why.</summary>
public sealed record CancelBody(bool? Rollback, string? Reason);

/// <summary>Body of a policy exception: the target (<c>family@version</c>) the critical-CVE policy lets through, why, and until when.</summary>
public sealed record GrantExceptionBody(string? Target, string? Reason, DateTimeOffset? ExpiresAt);
