namespace Qlrf.Execution;

/// <summary>
/// How far a platform change has come, as the platform says it: what runs (the platform's task, operation or
/// rollout) and its state there (<c>in-progress</c>, <c>RUNNING 40%</c>, <c>2/3 updated, 1 available</c>).
/// </summary>
public sealed record ExecutorProgress(string Step, string State)
{
    public override string ToString() => $"{Step}: {State}";
}

/// <summary>
/// Where an executor reports progress while a change runs. The rollout's activity gives one with each change and
/// records the latest report on the asset's result, which the API returns; a report never fails the change.
/// </summary>
public interface IExecutorProgress
{
    ValueTask ReportAsync(ExecutorProgress progress, CancellationToken cancellationToken);
}

public static class ExecutorProgressExtensions
{
    /// <summary>Reports to the sink when there is one (a change asked for without a sink reports nowhere).</summary>
    public static ValueTask ReportAsync(this IExecutorProgress? sink, string step, string state, CancellationToken cancellationToken) =>
        sink is null ? ValueTask.CompletedTask : sink.ReportAsync(new ExecutorProgress(step, state), cancellationToken);
}
