using Qlrf.Json;

namespace Qlrf.Durable;

/// <summary>The rare per-step writes: continuing as new, and finishing.</summary>
internal sealed partial class DurableStore
{
    /// <summary>ContinueAsNew: the old generation's history, inbox and activities go; the next generation starts, with any events it inherits.</summary>
    internal static void StartNextGeneration(Statements s, InstanceRecord instance, StepResult result, long now)
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

    /// <summary>
    /// A terminal step: the inbox and pending activities go, the parent hears of it, and children follow a recursive
    /// terminate. Returns whether it sent any message.
    /// </summary>
    internal static bool Finish(Statements s, InstanceRecord instance, StepResult result, long now)
    {
        var sent = false;
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
            sent |= Enqueue(s, new OutboundMessage(parent.InstanceId, parent.Generation,
                failure is null ? MessageKind.SubOrchestrationCompleted : MessageKind.SubOrchestrationFailed)
            {
                TaskId = parent.TaskId,
                Data = failure is null ? result.Output : null,
                Failure = failure,
            }, now);
        }

        if (!result.TerminateChildren)
        {
            return sent;
        }

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

        var request = QlrfJson.Serialize(new TerminateRequest(result.Output, Recursive: true));
        foreach (var child in children)
        {
            sent |= Enqueue(s, new OutboundMessage(child, null, MessageKind.Terminate) { Data = request }, now);
        }

        return sent;
    }
}
