namespace Qlrf.Orchestration;

/// <summary>An activity as the runtime calls it. Derive from <see cref="Activity{TInput, TOutput}"/> rather than implementing this.</summary>
public interface IActivity
{
    /// <summary>The type the task's JSON input is read as.</summary>
    Type InputType { get; }

    Task<object?> RunAsync(ActivityContext context, object? input);
}

/// <summary>
/// A class-based activity, created per call from dependency injection. Activities run at least once, so each
/// takes an idempotency key in its input and checks its target's state before acting. Throw on failure so that
/// retries can work.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    Type IActivity.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input);

    async Task<object?> IActivity.RunAsync(ActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}

/// <summary>What an activity knows of its call: its name, its orchestration, and a token cancelled when the host stops.</summary>
public sealed record ActivityContext(string Name, string InstanceId, CancellationToken CancellationToken);
