using Qlrf.Orchestration;

namespace Qlrf.Durable.Functions.Tests.Engines;

/// <summary>A durable engine running our orchestrators and activities, driven through our <see cref="IOrchestrationClient"/>.</summary>
public interface IEngine : IAsyncDisposable
{
    /// <summary>Which engine (for failure messages).</summary>
    string Name { get; }

    Task<string> StartAsync(string orchestrator, object? input);

    Task RaiseEventAsync(string instanceId, string eventName, object? payload);

    /// <summary>Waits for the instance to finish (a hang guard gives up after <see cref="Patience.Limit"/>).</summary>
    Task<OrchestrationMetadata> WaitAsync(string instanceId);

    /// <summary>The instance's status, custom status and failure, for a test that gives up.</summary>
    Task<string> DescribeAsync(string instanceId);
}

/// <summary>Starts an engine with the given tasks registered.</summary>
public interface IEngineFactory
{
    Task<IEngine> StartAsync(Action<OrchestrationRegistry> register);
}

/// <summary>How long a test waits for a condition before it gives up: a hang guard, never a timing assertion.</summary>
public static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, IEngine? engine = null, string? instanceId = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Limit)
            {
                var state = engine is null || instanceId is null ? string.Empty : " " + await engine.DescribeAsync(instanceId);
                throw new TimeoutException($"Gave up waiting for {what}.{state}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task<OrchestrationMetadata> WaitAsync(IOrchestrationClient client, string instanceId, string engine)
    {
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
            throw new TimeoutException($"Instance {instanceId} did not finish. {await DescribeAsync(client, instanceId, engine)}");
        }
    }

    public static async Task<string> DescribeAsync(IOrchestrationClient client, string instanceId, string engine)
    {
        var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
        return $"On {engine}, instance {instanceId} is {state?.RuntimeStatus}, custom status {state?.SerializedCustomStatus}, "
            + $"failure {state?.FailureDetails?.ErrorType}: {state?.FailureDetails?.ErrorMessage}";
    }
}
