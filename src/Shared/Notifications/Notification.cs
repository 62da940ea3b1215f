using Qlrf.Approvals;

namespace Qlrf.Notifications;

/// <summary>
/// Something a workflow tells people about. <see cref="Id"/> is deterministic (instance id and event), so
/// a repeated activity enqueues it once. An approval request carries its <see cref="Approval"/> so
/// channels can offer buttons; a later notification about the same approval names it in
/// <see cref="Replaces"/> so channels update the original message instead of posting another.
/// </summary>
public sealed record Notification
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required NotificationEvent Event { get; init; }

    /// <summary>The workflow instance it concerns (rollout id, drill id).</summary>
    public required string Subject { get; init; }

    /// <summary>One line for people.</summary>
    public required string Text { get; init; }

    public ApprovalView? Approval { get; init; }

    /// <summary>The notification whose message this one updates, if any.</summary>
    public string? Replaces { get; init; }

    /// <summary>Structured details for machines (the webhook body carries them).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What happened.</summary>
public enum NotificationEvent
{
    AwaitingApproval,
    Approved,
    Rejected,
    Expired,
    WaveComplete,
    RolledBack,
    Completed,
    Failed,
    Cancelled,

    /// <summary>A certificate crossed an expiry threshold.</summary>
    CertificateExpiring,
}
