namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// One durable engine under test, seen only through what the scenarios need: start an orchestration by name, wait
/// until it runs or has finished, raise an event. Orchestrator names and inputs are the same on every engine.
/// </summary>
internal interface IEngine : IAsyncDisposable
{
    /// <summary>A short label, e.g. "embedded (SQLite)".</summary>
    string Name { get; }

    /// <summary>Which orchestrator code runs: ours through IOrchestrationContext, or a native port.</summary>
    string Code { get; }

    /// <summary>The settings that shape its figures (concurrency, polling, ...), one per line.</summary>
    IReadOnlyList<string> Settings { get; }

    /// <summary>What bounds its figures on this machine, honestly.</summary>
    string BoundBy { get; }

    Task<string> StartAsync(string orchestrator, int input);

    Task WaitUntilRunningAsync(string instanceId);

    /// <summary>Waits until the instance has finished; throws unless it completed. Returns its serialized output.</summary>
    Task<string?> WaitForCompletionAsync(string instanceId);

    Task RaiseEventAsync(string instanceId, string eventName, int payload);
}
