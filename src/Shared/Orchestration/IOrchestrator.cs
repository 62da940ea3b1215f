namespace Qlrf.Orchestration;

/// <summary>An orchestrator as the runtime calls it. Derive from <see cref="Orchestrator{TInput, TOutput}"/> rather than implementing this.</summary>
public interface IOrchestrator
{
    /// <summary>The type the instance's JSON input is read as.</summary>
    Type InputType { get; }

    Task<object?> RunAsync(IOrchestrationContext context, object? input);
}

/// <summary>A class-based orchestrator. It only schedules: activities, timers, events, sub-orchestrations, custom status.</summary>
public abstract class Orchestrator<TInput, TOutput> : IOrchestrator
{
    Type IOrchestrator.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(IOrchestrationContext context, TInput input);

    async Task<object?> IOrchestrator.RunAsync(IOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
