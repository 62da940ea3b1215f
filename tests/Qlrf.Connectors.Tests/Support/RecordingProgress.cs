using System.Collections.Concurrent;
using Qlrf.Execution;

namespace Qlrf.Connectors.Tests.Support;

/// <summary>Keeps every progress report an executor makes, in order.</summary>
public sealed class RecordingProgress : IExecutorProgress
{
    public ConcurrentQueue<ExecutorProgress> Reports { get; } = new();

    public IReadOnlyList<string> Texts => Reports.Select(r => r.ToString()).ToList();

    public ValueTask ReportAsync(ExecutorProgress progress, CancellationToken cancellationToken)
    {
        Reports.Enqueue(progress);
        return ValueTask.CompletedTask;
    }
}
