namespace Qlrf.Audit;

/// <summary>
/// What a caller asks the audit log to record. The log adds the time, the sequence number and the hashes.
/// Never put a secret or a token in any field.
/// </summary>
public sealed record AuditEvent
{
    public required string Organisation { get; init; }

    /// <summary><c>user:{subject}</c>, <c>key:{id}</c>, <c>anonymous</c>, or <c>system</c> for the host itself.</summary>
    public required string Actor { get; init; }

    /// <summary>What was done, e.g. <c>CreateRoleBinding</c>, <c>SignInFailed</c>, <c>RolloutApproved</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: a resource path such as <c>/api/v1/rbac/bindings/{id}</c>, or an orchestration instance.</summary>
    public required string Target { get; init; }

    public required AuditOutcome Outcome { get; init; }

    /// <summary>The request or trace id that ties the entry to logs; empty outside a request.</summary>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>Where the call came from: the client address for API calls, <c>host</c> or an orchestration for the rest.</summary>
    public string Source { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
