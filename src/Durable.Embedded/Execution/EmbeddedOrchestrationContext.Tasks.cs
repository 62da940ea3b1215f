using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Activities, sub-orchestrations, sent events and retries.</summary>
internal sealed partial class EmbeddedOrchestrationContext
{
    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var data = codec.Serialize(input, $"input of activity '{name}'");
        return options?.Retry is { } retry
            ? WithRetryAsync(() => ScheduleActivity<TResult>(name, data), retry)
            : ScheduleActivity<TResult>(name, data);
    }

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var data = codec.Serialize(input, $"input of sub-orchestration '{orchestratorName}'");
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        return options?.Retry is { } retry
            ? WithRetryAsync(() => ScheduleSubOrchestration<TResult>(orchestratorName, instanceId, data), retry)
            : ScheduleSubOrchestration<TResult>(orchestratorName, instanceId, data);
    }

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    public void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        Schedule(ActionKind.SendEvent, eventName, codec.Serialize(payload, $"payload of event '{eventName}'"), target: instanceId);
    }

    private Task<T> ScheduleActivity<T>(string name, string? input)
    {
        var id = Schedule(ActionKind.Activity, name, input);
        var completion = new TaskCompletionSource<T>();
        Open(id, ActionKind.Activity, name, result => Finish(completion, result, name, id));
        return completion.Task;
    }

    private Task<T> ScheduleSubOrchestration<T>(string name, string instanceId, string? input)
    {
        var id = Schedule(ActionKind.SubOrchestration, name, input, target: instanceId);
        var completion = new TaskCompletionSource<T>();
        Open(id, ActionKind.SubOrchestration, name, result => Finish(completion, result, name, id));
        return completion.Task;
    }

    private static void Finish<T>(TaskCompletionSource<T> completion, HistoryEvent result, string name, int id)
    {
        if (result.Failure is { } failure)
        {
            completion.TrySetException(new TaskFailedException(name, id, failure));
            return;
        }

        try
        {
            completion.TrySetResult(PayloadCodec.Deserialize<T>(result.Data)!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            completion.TrySetException(ex);
        }
    }

    /// <summary>Calls <paramref name="attempt"/> until it succeeds or the policy gives up, with a durable timer between attempts.</summary>
    private async Task<T> WithRetryAsync<T>(Func<Task<T>> attempt, RetryPolicy policy)
    {
        var firstAttempt = CurrentUtcDateTime;
        var failed = 0;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex)
            {
                failed++;
                if (policy.NextDelay(failed, CurrentUtcDateTime - firstAttempt, ex.FailureDetails) is not { } delay)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }
    }
}
