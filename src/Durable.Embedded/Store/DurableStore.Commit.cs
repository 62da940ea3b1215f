using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// Commits: each step, in one transaction with its outbound messages, guarded by its lease; each activity
/// result against its lease, so that a duplicate or late result is discarded atomically. Many of both share a
/// transaction (group commit); each step sits in its own savepoint so that one that cannot be written does not
/// hold up the others.
/// </summary>
internal sealed partial class DurableStore
{
    public async Task<CommitReport> CommitAsync(IReadOnlyList<StepCommit> steps, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        var report = await WriteAsync((s, now) =>
        {
            var report = new CommitReport();
            foreach (var step in steps)
            {
                report.Steps.Add(CommitStep(s, step, now, report));
            }

            foreach (var result in results)
            {
                var accepted = CommitActivityResult(s, result, now);
                report.ActivityResults.Add(accepted);
                report.SentMessages |= accepted;
            }

            return report;
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

    private static (CommitStatus, string?) CommitStep(Statements s, StepCommit step, long now, CommitReport report)
    {
        if (step.Result is null)
        {
            return (Release(s, step, step.Error ?? "released", now), step.Error);
        }

        s.Transaction.Save("step");
        try
        {
            var status = WriteStep(s, step, step.Result, now, report);
            s.Transaction.Release("step");
            return (status, null);
        }
        catch (Exception ex)
        {
            s.Transaction.Rollback("step");
            s.Transaction.Release("step");
            var error = $"Writing the step failed: {ex.GetType().Name}: {ex.Message}";
            Release(s, step, error, now);
            return (CommitStatus.Rejected, error);
        }
    }

    private static CommitStatus Release(Statements s, StepCommit step, string error, long now) =>
        s.Execute(
            "UPDATE durable_instances SET lock_token = NULL, lock_expires_at = 0, last_error = $e, updated_at = $now WHERE instance_id = $i AND lock_token = $t",
            ("$e", error), ("$now", now), ("$i", step.WorkItem.Instance.InstanceId), ("$t", step.WorkItem.LockToken)) == 1
            ? CommitStatus.Rejected
            : CommitStatus.LeaseLost;

    private static CommitStatus WriteStep(Statements s, StepCommit step, StepResult result, long now, CommitReport report)
    {
        var instance = step.WorkItem.Instance;
        if (!UpdateInstance(s, step, result, now))
        {
            return CommitStatus.LeaseLost;
        }

        foreach (var id in step.ConsumedMessageIds)
        {
            s.Execute("DELETE FROM durable_messages WHERE id = $id", ("$id", id));
        }

        switch (result.Outcome)
        {
            case StepOutcome.Discarded:
                break;
            case StepOutcome.ContinuedAsNew:
                ContinueAsNew(s, instance, result, now);
                SendOut(s, instance, result, now, report);
                break;
            default:
                AppendHistory(s, instance, result.NewEvents);
                if (result.IsTerminal)
                {
                    Finish(s, instance, result, now, report);
                }
                else
                {
                    foreach (var timer in result.CancelledTimers)
                    {
                        s.Execute(
                            "DELETE FROM durable_messages WHERE instance_id = $i AND generation = $g AND kind = $k AND task_id = $t",
                            ("$i", instance.InstanceId), ("$g", instance.Generation), ("$k", Sql.Text(MessageKind.TimerFired)), ("$t", timer));
                    }

                    SendOut(s, instance, result, now, report);
                }

                break;
        }

        s.Execute(
            "UPDATE durable_instances SET ready_at = (SELECT min(visible_at) FROM durable_messages WHERE instance_id = $i) WHERE instance_id = $i",
            ("$i", instance.InstanceId));
        return CommitStatus.Committed;
    }

    private static bool UpdateInstance(Statements s, StepCommit step, StepResult result, long now)
    {
        var instance = step.WorkItem.Instance;
        var command = result.Outcome switch
        {
            StepOutcome.Discarded => s.Get("""
                UPDATE durable_instances SET lock_token = NULL, lock_expires_at = 0, dispatch_count = 0
                WHERE instance_id = $i AND lock_token = $t
                """),
            StepOutcome.ContinuedAsNew => s.Get("""
                UPDATE durable_instances SET status = $s, generation = generation + 1, input = $in, output = NULL, history_count = 0,
                    custom_status = CASE WHEN $csc THEN $cs ELSE custom_status END, updated_at = $now,
                    lock_token = NULL, lock_expires_at = 0, dispatch_count = 0, last_error = NULL
                WHERE instance_id = $i AND lock_token = $t
                """).Add("$in", result.NewInput),
            _ when result.IsTerminal => s.Get("""
                UPDATE durable_instances SET status = $s, output = $o, failure = $f, completed_at = $now, history_count = $hc,
                    custom_status = CASE WHEN $csc THEN $cs ELSE custom_status END, updated_at = $now,
                    lock_token = NULL, lock_expires_at = 0, dispatch_count = 0, last_error = NULL
                WHERE instance_id = $i AND lock_token = $t
                """).Add("$o", result.Output).Add("$f", Sql.Write(result.Failure)),
            _ => s.Get("""
                UPDATE durable_instances SET status = $s, history_count = $hc,
                    custom_status = CASE WHEN $csc THEN $cs ELSE custom_status END, updated_at = $now,
                    lock_token = NULL, lock_expires_at = 0, dispatch_count = 0, last_error = NULL
                WHERE instance_id = $i AND lock_token = $t
                """),
        };
        command.Add("$i", instance.InstanceId).Add("$t", step.WorkItem.LockToken).Add("$now", now)
            .Add("$s", Sql.Text(StatusAfter(result.Outcome))).Add("$hc", instance.HistoryCount + result.NewEvents.Count)
            .Add("$csc", result.CustomStatusChanged ? 1 : 0).Add("$cs", result.CustomStatus);
        return command.ExecuteNonQuery() == 1;
    }

    private static OrchestrationRuntimeStatus StatusAfter(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Suspended => OrchestrationRuntimeStatus.Suspended,
        StepOutcome.Completed => OrchestrationRuntimeStatus.Completed,
        StepOutcome.Failed => OrchestrationRuntimeStatus.Failed,
        StepOutcome.Terminated => OrchestrationRuntimeStatus.Terminated,
        _ => OrchestrationRuntimeStatus.Running,
    };

    private static void AppendHistory(Statements s, InstanceRecord instance, List<HistoryEvent> events)
    {
        var seq = instance.HistoryCount;
        foreach (var e in events)
        {
            s.Get("""
                INSERT INTO durable_history (instance_id, seq, generation, kind, task_id, name, target, data, failure, fire_at, at)
                VALUES ($i, $seq, $g, $k, $t, $n, $tg, $d, $f, $fa, $at)
                """)
                .Add("$i", instance.InstanceId).Add("$seq", seq++).Add("$g", instance.Generation).Add("$k", Sql.Text(e.Kind))
                .Add("$t", e.TaskId < 0 ? null : e.TaskId).Add("$n", e.Name).Add("$tg", e.Target).Add("$d", e.Data)
                .Add("$f", Sql.Write(e.Failure)).Add("$fa", e.FireAt is { } at ? Sql.Ms(at) : null).Add("$at", Sql.Ms(e.Timestamp))
                .ExecuteNonQuery();
        }
    }

    private static void SendOut(Statements s, InstanceRecord instance, StepResult result, long now, CommitReport report)
    {
        foreach (var activity in result.Activities)
        {
            s.Get("""
                INSERT INTO durable_activities (instance_id, generation, task_id, name, input, created_at)
                VALUES ($i, $g, $t, $n, $in, $now)
                """)
                .Add("$i", instance.InstanceId).Add("$g", instance.Generation).Add("$t", activity.TaskId).Add("$n", activity.Name)
                .Add("$in", activity.Input).Add("$now", now)
                .ExecuteNonQuery();
            report.ScheduledActivities = true;
        }

        foreach (var child in result.SubOrchestrations)
        {
            var parent = new ParentLink(instance.InstanceId, instance.Name, instance.Generation, child.TaskId);
            if (CreateInstance(s, child.InstanceId, child.Name, child.Input, parent, now) is { } existing)
            {
                Enqueue(s, new OutboundMessage(instance.InstanceId, instance.Generation, MessageKind.SubOrchestrationFailed)
                {
                    TaskId = child.TaskId,
                    Failure = new TaskFailureDetails(
                        RuntimeErrors.InstanceAlreadyExists,
                        $"The sub-orchestration instance '{child.InstanceId}' already exists and is {Sql.Text(existing)}.",
                        IsNonRetriable: true),
                }, now);
            }

            report.SentMessages = true;
        }

        foreach (var message in result.Messages)
        {
            report.SentMessages |= Enqueue(s, message, now);
        }
    }

    private static void ContinueAsNew(Statements s, InstanceRecord instance, StepResult result, long now)
    {
        s.Execute("DELETE FROM durable_history WHERE instance_id = $i", ("$i", instance.InstanceId));
        s.Execute(
            "DELETE FROM durable_messages WHERE instance_id = $i AND generation IS NOT NULL AND generation <= $g",
            ("$i", instance.InstanceId), ("$g", instance.Generation));
        s.Execute(
            "DELETE FROM durable_activities WHERE instance_id = $i AND generation <= $g",
            ("$i", instance.InstanceId), ("$g", instance.Generation));
        Enqueue(s, new OutboundMessage(instance.InstanceId, instance.Generation + 1, MessageKind.ExecutionStarted), now);
        foreach (var carried in result.CarriedOverEvents)
        {
            Enqueue(s, carried, now);
        }
    }

    /// <summary>A terminal step: the inbox and pending activities go, the parent hears of it, and children follow a recursive terminate.</summary>
    private static void Finish(Statements s, InstanceRecord instance, StepResult result, long now, CommitReport report)
    {
        s.Execute("DELETE FROM durable_messages WHERE instance_id = $i", ("$i", instance.InstanceId));
        s.Execute("DELETE FROM durable_activities WHERE instance_id = $i", ("$i", instance.InstanceId));
        if (instance.Parent is { } parent)
        {
            var failure = result.Outcome switch
            {
                StepOutcome.Failed => result.Failure,
                StepOutcome.Terminated => RuntimeErrors.TerminatedChild(instance.InstanceId, result.Output),
                _ => null,
            };
            report.SentMessages |= Enqueue(s, new OutboundMessage(parent.InstanceId, parent.Generation,
                failure is null ? MessageKind.SubOrchestrationCompleted : MessageKind.SubOrchestrationFailed)
            {
                TaskId = parent.TaskId,
                Data = failure is null ? result.Output : null,
                Failure = failure,
            }, now);
        }

        if (result.TerminateChildren)
        {
            var children = new List<string>();
            var find = s.Get($"SELECT instance_id FROM durable_instances WHERE parent_instance_id = $i AND status IN ({Sql.LiveStatuses})");
            find.Add("$i", instance.InstanceId);
            using (var reader = find.ExecuteReader())
            {
                while (reader.Read())
                {
                    children.Add(reader.GetString(0));
                }
            }

            var request = Json.QlrfJson.Serialize(new TerminateRequest(result.Output, Recursive: true));
            foreach (var child in children)
            {
                report.SentMessages |= Enqueue(s, new OutboundMessage(child, null, MessageKind.Terminate) { Data = request }, now);
            }
        }
    }

    private static bool CommitActivityResult(Statements s, ActivityResult result, long now)
    {
        var item = result.Item;
        if (s.Execute("DELETE FROM durable_activities WHERE id = $id AND lock_token = $t", ("$id", item.Id), ("$t", item.LockToken)) != 1)
        {
            return false;
        }

        Enqueue(s, new OutboundMessage(item.InstanceId, item.Generation, result.Failure is null ? MessageKind.TaskCompleted : MessageKind.TaskFailed)
        {
            TaskId = item.TaskId,
            Data = result.Output,
            Failure = result.Failure,
        }, now);
        return true;
    }
}
