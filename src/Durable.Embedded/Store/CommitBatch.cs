using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// One group commit's writes. First every step's lease-guarded instance update, which also sets when the instance is
/// next ready (a step whose lease has passed on writes nothing more), and the deletion of the messages the steps
/// consumed; then the rare per-step work (finishing,
/// continuing as new, creating sub-orchestrations); then the common rows of all steps and results in batch statements,
/// whose inbox messages make their recipients ready (a trigger).
/// </summary>
internal sealed class CommitBatch(Statements s, long now) : IDisposable
{
    private readonly JsonRows consumed = new();
    private readonly JsonRows history = new();
    private readonly JsonRows activities = new();
    private readonly JsonRows messages = new();
    private readonly CommitReport report = new();

    public CommitReport Write(IReadOnlyList<StepCommit> steps, IReadOnlyList<ActivityResult> results)
    {
        var committed = new List<StepCommit>(steps.Count);
        foreach (var step in steps)
        {
            if (step.Result is not { } result)
            {
                report.Steps.Add((Release(step), step.Error));
            }
            else if (DurableStore.UpdateInstanceGuarded(s, step, result, now))
            {
                report.Steps.Add((CommitStatus.Committed, null));
                committed.Add(step);
            }
            else
            {
                report.Steps.Add((CommitStatus.LeaseLost, null));
            }
        }

        foreach (var step in committed)
        {
            foreach (var id in step.ConsumedMessageIds)
            {
                consumed.Value(id);
            }
        }

        if (consumed.Count > 0)
        {
            s.Execute("DELETE FROM durable_messages WHERE id IN (SELECT value FROM json_each($rows))", ("$rows", consumed.Build()));
        }

        foreach (var step in committed)
        {
            Collect(step, step.Result!);
        }

        foreach (var result in results)
        {
            var accepted = s.Execute(
                "DELETE FROM durable_activities WHERE id = $id AND lock_token = $t",
                ("$id", result.Item.Id), ("$t", result.Item.LockToken)) == 1;
            report.ActivityResults.Add(accepted);
            if (accepted)
            {
                var item = result.Item;
                Message(new OutboundMessage(item.InstanceId, item.Generation, result.Failure is null ? MessageKind.TaskCompleted : MessageKind.TaskFailed)
                {
                    TaskId = item.TaskId,
                    Data = result.Output,
                    Failure = result.Failure,
                });
            }
        }

        Flush();
        return report;
    }

    private CommitStatus Release(StepCommit step) => DurableStore.Release(s, step.WorkItem, step.Error ?? "released", now);

    private void Collect(StepCommit step, StepResult result)
    {
        var instance = step.WorkItem.Instance;

        switch (result.Outcome)
        {
            case StepOutcome.Discarded:
                return;
            case StepOutcome.ContinuedAsNew:
                DurableStore.StartNextGeneration(s, instance, result, now);
                SendOut(instance, result);
                return;
            default:
                history.Row().Add(instance.InstanceId).Add(instance.HistoryCount).Add(instance.Generation).Add(result.NewEvents.Count)
                    .Add(HistoryCodec.Write(result.NewEvents)).Add(now);

                if (result.IsTerminal)
                {
                    report.SentMessages |= DurableStore.Finish(s, instance, result, now);

                    // Events the code sent in its last step still go out (a failed step has none: it drops its work).
                    foreach (var message in result.Messages.Where(m => m.Kind == MessageKind.EventRaised))
                    {
                        Message(message);
                    }
                }
                else
                {
                    foreach (var timer in result.CancelledTimers)
                    {
                        s.Execute(
                            "DELETE FROM durable_messages WHERE instance_id = $i AND generation = $g AND kind = $k AND task_id = $t",
                            ("$i", instance.InstanceId), ("$g", instance.Generation), ("$k", Sql.Text(MessageKind.TimerFired)), ("$t", timer));
                    }

                    SendOut(instance, result);
                }

                return;
        }
    }

    private void SendOut(InstanceRecord instance, StepResult result)
    {
        foreach (var activity in result.Activities)
        {
            activities.Row().Add(instance.InstanceId).Add(instance.Generation).Add(activity.TaskId).Add(activity.Name).Add(activity.Input);
        }

        foreach (var child in result.SubOrchestrations)
        {
            var parent = new ParentLink(instance.InstanceId, instance.Name, instance.Generation, child.TaskId);
            if (DurableStore.CreateInstance(s, child.InstanceId, child.Name, child.Input, parent, now) is { } existing)
            {
                Message(new OutboundMessage(instance.InstanceId, instance.Generation, MessageKind.SubOrchestrationFailed)
                {
                    TaskId = child.TaskId,
                    Failure = new TaskFailureDetails(
                        RuntimeErrors.InstanceAlreadyExists,
                        $"The sub-orchestration instance '{child.InstanceId}' already exists and is {Sql.Text(existing)}.",
                        IsNonRetriable: true),
                });
            }

            report.SentMessages = true;
        }

        foreach (var message in result.Messages)
        {
            Message(message);
        }
    }

    private void Message(OutboundMessage message) =>
        messages.Row().Add(message.InstanceId).Add(message.Generation).Add(Sql.Text(message.Kind)).Add(message.TaskId < 0 ? null : message.TaskId)
            .Add(message.Name).Add(message.Data).Add(Sql.Write(message.Failure)).Add(message.VisibleAt is { } at ? Sql.Ms(at) : now);

    private void Flush()
    {
        if (history.Count > 0)
        {
            s.Execute("""
                INSERT INTO durable_history (instance_id, seq, generation, event_count, events, at)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each($rows)
                """, ("$rows", history.Build()));
        }

        if (activities.Count > 0)
        {
            s.Execute("""
                INSERT INTO durable_activities (instance_id, generation, task_id, name, input, created_at)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, $now FROM json_each($rows)
                """, ("$rows", activities.Build()), ("$now", now));
            report.ScheduledActivities = true;
        }

        if (messages.Count > 0)
        {
            report.SentMessages |= s.Execute($"""
                INSERT INTO durable_messages (instance_id, generation, kind, task_id, name, data, failure, visible_at, created_at)
                SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6, r.value ->> 7, $now
                FROM json_each($rows) AS r
                WHERE EXISTS (
                    SELECT 1 FROM durable_instances AS i
                    WHERE i.instance_id = r.value ->> 0 AND i.status IN ({Sql.LiveStatuses})
                        AND (r.value ->> 1 IS NULL OR i.generation = r.value ->> 1))
                ORDER BY r.key
                """, ("$rows", messages.Build()), ("$now", now)) > 0;
        }
    }

    public void Dispose()
    {
        consumed.Dispose();
        history.Dispose();
        activities.Dispose();
        messages.Dispose();
    }
}
