using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Turning a leased instance and its messages into a step.</summary>
internal sealed partial class OrchestrationDispatcher
{
    private (StepCommit Commit, OrchestrationExecution? Execution) Execute(OrchestrationWorkItem item)
    {
        var instance = item.Instance;
        var now = store.Now();
        var consumed = item.Messages.Select(m => m.Id).ToList();
        var live = item.Messages.Where(m => m.Generation is null || m.Generation == instance.Generation).ToList();
        if (instance.Status.IsTerminal() || live.Count == 0)
        {
            return (new StepCommit(item, StepResult.Discard(), consumed), null);
        }

        if (instance.DispatchCount > store.Options.MaxDispatchCount)
        {
            Logs.OrchestrationPoisoned(logger, instance.InstanceId, instance.DispatchCount - 1);
            var poison = RuntimeErrors.Poison("orchestration step", instance.DispatchCount - 1, instance.LastError);
            return (new StepCommit(item, Failed(poison, now), consumed), null);
        }

        if (live.FirstOrDefault(m => m.Kind == MessageKind.Terminate) is { } terminate)
        {
            var request = terminate.Data is null ? new TerminateRequest(null, false) : QlrfJson.Deserialize<TerminateRequest>(terminate.Data)!;
            return (new StepCommit(item, Terminated(request, now), consumed), null);
        }

        if (!registry.Value.Orchestrators.TryGetValue(instance.Name, out var registration))
        {
            var unknown = RuntimeErrors.UnknownOrchestrator(instance.Name, registry.Value.Orchestrators.Keys);
            return (new StepCommit(item, Failed(unknown, now), consumed), null);
        }

        var execution = cache.Take(instance.InstanceId, instance.Generation, instance.HistoryCount) ?? Rebuild(instance, registration);
        var ordered = live.Where(m => m.Kind == MessageKind.ExecutionStarted).Concat(live.Where(m => m.Kind != MessageKind.ExecutionStarted)).ToList();
        if (!execution.IsStarted && ordered[0].Kind != MessageKind.ExecutionStarted)
        {
            var missing = new TaskFailureDetails("Qlrf.Durable.MissingStart", $"The instance '{instance.InstanceId}' has messages but was never started.");
            return (new StepCommit(item, Failed(missing, now), consumed), null);
        }

        return (new StepCommit(item, execution.Step(ordered, now), consumed), execution);
    }

    private OrchestrationExecution Rebuild(InstanceRecord instance, TaskRegistration<IOrchestrator> registration)
    {
        var execution = new OrchestrationExecution(instance, registration.Create(services), codec, store.Options.MaxActions, loggerFactory);
        if (instance.HistoryCount > 0)
        {
            var history = store.LoadHistory(instance.InstanceId);
            System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("history loaded"));
            execution.Replay(history);
            System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("replayed"));
        }

        return execution;
    }

    private static StepResult Failed(TaskFailureDetails failure, DateTimeOffset now)
    {
        var result = new StepResult { Outcome = StepOutcome.Failed, Failure = failure };
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorStarted, now));
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.ExecutionFailed, now) { Failure = failure });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
        return result;
    }

    private static StepResult Terminated(TerminateRequest request, DateTimeOffset now)
    {
        var result = new StepResult { Outcome = StepOutcome.Terminated, Output = request.Output, TerminateChildren = request.Recursive };
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorStarted, now));
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.ExecutionTerminated, now) { Data = request.Output });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
        return result;
    }
}
