using Qlrf.Orchestration;

namespace Qlrf.Durable.Functions;

/// <summary>
/// On Durable Functions the isolated worker's client reads no instance history, so the admin endpoint shows an
/// instance's status without a history summary (its <c>history</c> is null). The status itself comes from the client.
/// </summary>
public sealed class NoHistorySummary : IOrchestrationHistory
{
    public Task<OrchestrationHistorySummary?> GetHistorySummaryAsync(string instanceId, int recentEvents, CancellationToken cancellationToken = default) =>
        Task.FromResult<OrchestrationHistorySummary?>(null);
}
