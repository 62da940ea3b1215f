using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// Commits: each step, with its history and outbound messages, in one transaction guarded by its lease; each
/// activity result against its lease, so that a duplicate or late result is discarded atomically. Many steps and
/// results share a transaction (group commit), and their rows go in through a handful of batch statements.
/// </summary>
internal sealed partial class DurableStore
{
    public async Task<CommitReport> CommitAsync(IReadOnlyList<StepCommit> steps, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        var report = await WriteAsync((s, now) =>
        {
            using var batch = new CommitBatch(s, now);
            return batch.Write(steps, results);
        }, cancellationToken);
        if (report.SentMessages || report.Steps.Any(r => r.Status != CommitStatus.Committed))
        {
            OrchestrationWork.Set();
        }

        if (report.ScheduledActivities)
        {
            ActivityWork.Set();
        }

        return report;
    }

    /// <summary>Ends a lease without a step, recording why (the step could not be written, or could not run).</summary>
    public async Task<CommitStatus> ReleaseAsync(OrchestrationWorkItem item, string error, CancellationToken cancellationToken)
    {
        var status = await WriteAsync((s, now) => Release(s, item, error, now), cancellationToken);
        OrchestrationWork.Set();
        return status;
    }

    internal static CommitStatus Release(Statements s, OrchestrationWorkItem item, string error, long now) =>
        s.Execute(
            "UPDATE durable_instances SET lock_token = NULL, lock_expires_at = 0, last_error = $e, updated_at = $now WHERE instance_id = $i AND lock_token = $t",
            ("$e", error), ("$now", now), ("$i", item.Instance.InstanceId), ("$t", item.LockToken)) == 1
            ? CommitStatus.Rejected
            : CommitStatus.LeaseLost;

    private static OrchestrationRuntimeStatus StatusAfter(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Suspended => OrchestrationRuntimeStatus.Suspended,
        StepOutcome.Completed => OrchestrationRuntimeStatus.Completed,
        StepOutcome.Failed => OrchestrationRuntimeStatus.Failed,
        StepOutcome.Terminated => OrchestrationRuntimeStatus.Terminated,
        _ => OrchestrationRuntimeStatus.Running,
    };

    /// <summary>
    /// Writes the step's effect on its instance row, if the step's lease still holds (false if it has passed on).
    /// The row's ready time becomes the earliest message the step leaves unconsumed, or one of its own new timers;
    /// messages inserted later in the commit make it earlier through the inbox trigger.
    /// </summary>
    internal static bool UpdateInstanceGuarded(Statements s, StepCommit step, StepResult result, long now)
    {
        const string Set = """
            history_count = $hc, custom_status = CASE WHEN $csc THEN $cs ELSE custom_status END, updated_at = $now,
            lock_token = NULL, lock_expires_at = 0, dispatch_count = 0, last_error = NULL
            """;
        const string NextReady = """
            ready_at = (SELECT min(v) FROM (
                SELECT min(visible_at) AS v FROM durable_messages WHERE instance_id = $i AND id NOT IN (SELECT value FROM json_each($used))
                UNION ALL SELECT $own))
            """;
        const string Guard = "WHERE instance_id = $i AND lock_token = $t";
        var instance = step.WorkItem.Instance;
        var status = StatusAfter(result.Outcome);
        var command = result.Outcome switch
        {
            StepOutcome.Discarded => s.Get($"UPDATE durable_instances SET lock_token = NULL, lock_expires_at = 0, dispatch_count = 0, {NextReady} {Guard}"),
            StepOutcome.ContinuedAsNew => s.Get($"""
                UPDATE durable_instances SET status = $s, generation = generation + 1, input = $in, output = NULL, {Set}, {NextReady} {Guard}
                """).Add("$in", result.NewInput),
            _ when result.IsTerminal => s.Get($"""
                UPDATE durable_instances SET status = $s, output = $o, failure = $f, completed_at = $now, ready_at = NULL, {Set} {Guard}
                """).Add("$o", result.Output).Add("$f", Sql.Write(result.Failure)),
            _ when status == instance.Status => s.Get($"UPDATE durable_instances SET {Set}, {NextReady} {Guard}"),
            _ => s.Get($"UPDATE durable_instances SET status = $s, {Set}, {NextReady} {Guard}"),
        };
        var ownTimers = result.Messages.Where(m => m.InstanceId == instance.InstanceId && m.Kind == MessageKind.TimerFired && m.VisibleAt is not null);
        command.Add("$i", instance.InstanceId).Add("$t", step.WorkItem.LockToken).Add("$now", now)
            .Add("$s", Sql.Text(status)).Add("$hc", instance.HistoryCount + result.NewEvents.Count)
            .Add("$csc", result.CustomStatusChanged ? 1 : 0).Add("$cs", result.CustomStatus)
            .Add("$used", Ids(step.ConsumedMessageIds))
            .Add("$own", ownTimers.Select(m => (long?)Sql.Ms(m.VisibleAt!.Value)).Min());
        return command.ExecuteNonQuery() == 1;
    }

    private static string Ids(IReadOnlyList<long> ids)
    {
        using var rows = new JsonRows();
        foreach (var id in ids)
        {
            rows.Value(id);
        }

        return rows.Build();
    }
}
