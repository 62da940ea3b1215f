using Microsoft.Extensions.Logging;
using Qlrf.Audit;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// Records a rollout's new status (with its reason, progress and any asset results that go with it) and
/// audits the change. Idempotent: the same change again writes nothing and audits nothing.
/// </summary>
public sealed class SetRolloutStatusActivity(IRolloutStore store, IAuditLog audit, TimeProvider time, ILogger<SetRolloutStatusActivity> logger)
    : Activity<RolloutStatusChange, bool>
{
    public const string AuditAction = "RolloutStatusChanged";

    public override async Task<bool> RunAsync(ActivityContext context, RolloutStatusChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var previous = RolloutStatus.Planning;
        var changed = false;
        if (input.Results is { Count: > 0 } results)
        {
            await store.SaveResultsAsync(input.Organisation, input.RolloutId, results, null, context.CancellationToken);
        }

        await store.UpdateAsync(input.Organisation, input.RolloutId, r =>
        {
            previous = r.Status;
            changed = r.Status != input.Status || r.StatusReason != input.Reason;
            return r with
            {
                Status = input.Status,
                StatusReason = input.Reason,
                UpdatedAt = changed ? now : r.UpdatedAt,
                StartedAt = r.StartedAt ?? (input.Status == RolloutStatus.Running ? now : null),
                FinishedAt = r.FinishedAt ?? (input.Status.IsFinal() ? now : null),
                Progress = (input.Progress ?? r.Progress) with { Status = input.Status },
            };
        }, context.CancellationToken);
        if (!changed)
        {
            return false;
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from"] = EnumText<RolloutStatus>.Of(previous),
            ["to"] = EnumText<RolloutStatus>.Of(input.Status),
        };
        if (input.Reason is { } reason)
        {
            details["reason"] = reason.Length > 1000 ? reason[..1000] : reason;
        }

        await audit.AppendAsync(new AuditEvent
        {
            Organisation = input.Organisation,
            Actor = input.Actor,
            Action = AuditAction,
            Target = $"rollouts/{input.RolloutId}",
            Outcome = input.Status is RolloutStatus.Failed ? AuditOutcome.Failed : AuditOutcome.Success,
            Source = "orchestration",
            Details = details,
        }, context.CancellationToken);
        RolloutTelemetry.StatusChanges.Add(1, new KeyValuePair<string, object?>("status", EnumText<RolloutStatus>.Of(input.Status)));
        RolloutLogs.StatusChanged(logger, input.RolloutId, input.Status, previous, input.Actor, input.Reason);
        return true;
    }
}
