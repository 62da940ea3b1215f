using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>The end of a step: the new actions, and whether the instance runs on, completes, fails or continues as new.</summary>
internal sealed partial class OrchestrationExecution
{
    private void Conclude(StepResult result, DateTimeOffset now)
    {
        if (context.Fatal is null && run is not null)
        {
            context.CheckStepEnd(orchestratorWaiting: !run.IsCompleted);
        }

        if (context.Fatal is null && run is { IsFaulted: false, IsCanceled: false })
        {
            RecordActions(result, now);
        }

        if (context.TakeCustomStatus(out var status))
        {
            result.CustomStatusChanged = true;
            result.CustomStatus = status;
        }

        if (context.Fatal is { } fatal)
        {
            Fail(result, TaskFailureDetails.FromException(fatal), now);
            return;
        }

        switch (run)
        {
            case { IsFaulted: true } faulted:
                Fail(result, TaskFailureDetails.FromException(faulted.Exception!.InnerException ?? faulted.Exception), now);
                return;
            case { IsCanceled: true }:
                Fail(result, TaskFailureDetails.FromException(new TaskCanceledException()), now);
                return;
            case { IsCompletedSuccessfully: true } completed when context.OpenTaskCount == 0:
                Complete(result, completed.Result, now);
                return;
            default:
                result.Outcome = suspended ? StepOutcome.Suspended : StepOutcome.Running;
                result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
                return;
        }
    }

    private void RecordActions(StepResult result, DateTimeOffset now)
    {
        var cancelled = context.TakeCancelledTimers();
        result.CancelledTimers.AddRange(cancelled);
        foreach (var action in context.TakeNewActions())
        {
            switch (action.Kind)
            {
                case EmbeddedOrchestrationContext.ActionKind.Activity:
                    result.NewEvents.Add(new HistoryEvent(HistoryEventKind.TaskScheduled, now) { TaskId = action.Id, Name = action.Name, Data = action.Data });
                    result.Activities.Add(new ScheduledActivity(action.Id, action.Name!, action.Data));
                    break;
                case EmbeddedOrchestrationContext.ActionKind.Timer:
                    result.NewEvents.Add(new HistoryEvent(HistoryEventKind.TimerCreated, now) { TaskId = action.Id, FireAt = action.FireAt });
                    if (!cancelled.Contains(action.Id))
                    {
                        result.Messages.Add(new OutboundMessage(InstanceId, Generation, MessageKind.TimerFired) { TaskId = action.Id, VisibleAt = action.FireAt });
                    }

                    break;
                case EmbeddedOrchestrationContext.ActionKind.SubOrchestration:
                    result.NewEvents.Add(new HistoryEvent(HistoryEventKind.SubOrchestrationCreated, now)
                    {
                        TaskId = action.Id, Name = action.Name, Target = action.Target, Data = action.Data,
                    });
                    result.SubOrchestrations.Add(new ScheduledSubOrchestration(action.Id, action.Name!, action.Target!, action.Data));
                    break;
                default:
                    result.NewEvents.Add(new HistoryEvent(HistoryEventKind.EventSent, now)
                    {
                        TaskId = action.Id, Name = action.Name, Target = action.Target, Data = action.Data,
                    });
                    result.Messages.Add(new OutboundMessage(action.Target!, null, MessageKind.EventRaised) { Name = action.Name, Data = action.Data });
                    break;
            }
        }
    }

    private void Complete(StepResult result, object? output, DateTimeOffset now)
    {
        if (context.ContinueAsNewRequest is { } next)
        {
            result.Outcome = StepOutcome.ContinuedAsNew;
            result.NewInput = next.Input;
            if (next.PreserveEvents)
            {
                foreach (var (name, data) in context.TakeBufferedEvents())
                {
                    result.CarriedOverEvents.Add(new OutboundMessage(InstanceId, Generation + 1, MessageKind.EventRaised) { Name = name, Data = data });
                }
            }

            return;
        }

        string? json;
        try
        {
            json = codec.Serialize(output, $"output of orchestration '{InstanceId}'");
        }
        catch (PayloadTooLargeException ex)
        {
            Fail(result, TaskFailureDetails.FromException(ex) with { IsNonRetriable = true }, now);
            return;
        }

        result.Outcome = StepOutcome.Completed;
        result.Output = json;
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.ExecutionCompleted, now) { Data = json });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
    }

    /// <summary>Fails the instance. Work the step would have sent out is dropped; its history stays as recorded.</summary>
    private static void Fail(StepResult result, TaskFailureDetails failure, DateTimeOffset now)
    {
        result.Outcome = StepOutcome.Failed;
        result.Failure = failure;
        result.Activities.Clear();
        result.SubOrchestrations.Clear();
        result.Messages.Clear();
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.ExecutionFailed, now) { Failure = failure });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
    }
}
