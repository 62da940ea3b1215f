using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Actions and their tasks: what the code scheduled, matched against history by sequence id.</summary>
internal sealed partial class EmbeddedOrchestrationContext
{
    /// <summary>Kinds of action, each recorded in history as one event kind.</summary>
    internal enum ActionKind
    {
        Activity,
        Timer,
        SubOrchestration,
        SendEvent,
    }

    /// <summary>
    /// History records an action at <paramref name="recorded"/>'s sequence id: the code must have scheduled the same kind,
    /// with the same name, there. Anything else fails the instance with a non-determinism error naming both.
    /// </summary>
    public void ConfirmAction(HistoryEvent recorded)
    {
        if (!unrecorded.Remove(recorded.TaskId, out var action))
        {
            Fail(new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}': at sequence id {recorded.TaskId} the history has {Describe(recorded)}, "
                + "but the code did not schedule anything with that id. Was the orchestrator changed while this instance was running?"));
            return;
        }

        var expected = KindOf(recorded.Kind);
        if (action.Kind != expected || !string.Equals(action.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            Fail(new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}': at sequence id {recorded.TaskId} the history has {Describe(recorded)}, "
                + $"but the code now schedules {Describe(action.Kind, action.Name)}. Was the orchestrator changed while this instance was running?"));
        }
    }

    /// <summary>Applies a task's result; a result for a task that is no longer open (cancelled, or unknown) is ignored.</summary>
    public void CompleteTask(HistoryEvent result)
    {
        if (open.TryGetValue(result.TaskId, out var task) && task.Kind == KindOfResult(result.Kind))
        {
            open.Remove(result.TaskId);
            task.Complete(result);
        }
    }

    /// <summary>The actions scheduled since the last call and not yet in history, in sequence order.</summary>
    public List<PendingAction> TakeNewActions()
    {
        var actions = unrecorded.Values.ToList();
        unrecorded.Clear();
        return actions;
    }

    public List<int> TakeCancelledTimers()
    {
        var timers = cancelledTimers.ToList();
        cancelledTimers.Clear();
        return timers;
    }

    private int Schedule(ActionKind kind, string? name, string? data, DateTimeOffset? fireAt = null, string? target = null)
    {
        EnsureOnScheduler(Describe(kind, name));
        var id = NextId();
        unrecorded[id] = new PendingAction(id, kind, name, data, fireAt, target);
        return id;
    }

    private void Open(int id, ActionKind kind, string? name, Action<HistoryEvent> complete, CancellationToken cancellation = default) =>
        open[id] = new OpenTask(kind, name, complete, cancellation);

    private static ActionKind KindOf(HistoryEventKind kind) => kind switch
    {
        HistoryEventKind.TaskScheduled => ActionKind.Activity,
        HistoryEventKind.TimerCreated => ActionKind.Timer,
        HistoryEventKind.SubOrchestrationCreated => ActionKind.SubOrchestration,
        _ => ActionKind.SendEvent,
    };

    private static ActionKind? KindOfResult(HistoryEventKind kind) => kind switch
    {
        HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed => ActionKind.Activity,
        HistoryEventKind.TimerFired => ActionKind.Timer,
        HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed => ActionKind.SubOrchestration,
        _ => null,
    };

    private static string Describe(HistoryEvent recorded) => Describe(KindOf(recorded.Kind), recorded.Name);

    private static string Describe(ActionKind kind, string? name) => kind switch
    {
        ActionKind.Activity => $"activity '{name}'",
        ActionKind.Timer => "a timer",
        ActionKind.SubOrchestration => $"sub-orchestration '{name}'",
        _ => $"sent event '{name}'",
    };

    /// <summary>An action the code took: its sequence id, kind, name, input, and (for timers) fire time or (for sub-orchestrations and sent events) target.</summary>
    internal sealed record PendingAction(int Id, ActionKind Kind, string? Name, string? Data, DateTimeOffset? FireAt, string? Target);

    private sealed record OpenTask(ActionKind Kind, string? Name, Action<HistoryEvent> Complete, CancellationToken Cancellation);
}
