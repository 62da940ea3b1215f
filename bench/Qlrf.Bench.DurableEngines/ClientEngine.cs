using Qlrf.Orchestration;

namespace Qlrf.Bench.DurableEngines;

/// <summary>An engine driven through our <see cref="IOrchestrationClient"/> (the embedded runtime, or the Durable adapter).</summary>
internal abstract class ClientEngine : IEngine
{
    public abstract string Name { get; }

    public string Code => "our IOrchestrationContext orchestrators (bench/Qlrf.Bench.Durable/Workflows.cs)";

    public abstract IReadOnlyList<string> Settings { get; }

    public abstract string BoundBy { get; }

    protected abstract IOrchestrationClient Client { get; }

    /// <summary>Opens whatever ambient scope the client needs for a call (the Durable adapter's client binding).</summary>
    protected virtual IDisposable? Scope() => null;

    public async Task<string> StartAsync(string orchestrator, int input)
    {
        using var scope = Scope();
        return await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
    }

    public async Task WaitUntilRunningAsync(string instanceId)
    {
        using var scope = Scope();
        while ((await Client.GetInstanceAsync(instanceId))?.RuntimeStatus is not OrchestrationRuntimeStatus.Running)
        {
            await Task.Delay(1);
        }
    }

    public async Task<string?> WaitForCompletionAsync(string instanceId)
    {
        using var scope = Scope();
        var state = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);
        return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? state.SerializedOutput
            : throw new InvalidOperationException($"{Name}: instance {instanceId} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, int payload)
    {
        using var scope = Scope();
        await Client.RaiseEventAsync(instanceId, eventName, payload);
    }

    public abstract ValueTask DisposeAsync();
}
