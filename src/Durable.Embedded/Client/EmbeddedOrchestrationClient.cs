using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Paging;

namespace Qlrf.Durable;

/// <summary>The embedded runtime's <see cref="IOrchestrationClient"/> and <see cref="IOrchestrationHistory"/>.</summary>
internal sealed class EmbeddedOrchestrationClient(
    DurableStore store,
    CompletionWatchers watchers,
    IOptions<OrchestrationRegistry> registry,
    ILogger<EmbeddedOrchestrationClient> logger) : IOrchestrationClient, IOrchestrationHistory
{
    /// <summary>How often a waiting client looks again without a notice (a safety net; notices arrive in-process).</summary>
    private static readonly TimeSpan WaitRecheck = TimeSpan.FromSeconds(5);

    private readonly PayloadCodec codec = new(store.Options.MaxPayloadBytes);

    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options));
        var name = registry.Value.Orchestrators.TryGetValue(orchestratorName, out var registration) ? registration.Name : orchestratorName;
        await store.StartAsync(instanceId, name, codec.Serialize(input, $"input of orchestration '{instanceId}'"), cancellationToken);
        Logs.InstanceScheduled(logger, instanceId, name);
        return instanceId;
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        using var span = DurableTelemetry.ActivitySource.StartActivity("raise event", System.Diagnostics.ActivityKind.Internal);
        span?.SetTag("qlrf.durable.instance_id", instanceId);
        span?.SetTag("qlrf.durable.event", eventName);
        var data = codec.Serialize(eventPayload, $"payload of event '{eventName}'");
        var status = await SendAsync(instanceId, MessageKind.EventRaised, eventName, data, cancellationToken);
        if (status.IsTerminal())
        {
            Logs.EventDropped(logger, eventName, instanceId, status);
        }
    }

    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.GetInstance(instanceId, getInputsAndOutputs));
    }

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        while (true)
        {
            var finished = watchers.Watch(instanceId);
            var state = store.GetInstance(instanceId, getInputsAndOutputs) ?? throw Missing(instanceId);
            if (state.IsCompleted)
            {
                return state;
            }

            try
            {
                await finished.WaitAsync(WaitRecheck, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
        }
    }

    public async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        var output = codec.Serialize(options?.Output, $"output of terminated orchestration '{instanceId}'");
        var request = QlrfJson.Serialize(new TerminateRequest(output, options?.Recursive ?? false));
        await SendAsync(instanceId, MessageKind.Terminate, null, request, cancellationToken);
    }

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, MessageKind.Suspend, null, codec.Serialize(reason, "reason"), cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, MessageKind.Resume, null, codec.Serialize(reason, "reason"), cancellationToken);

    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (_, purged) = await store.PurgeInstanceAsync(instanceId, cancellationToken);
        return new PurgeResult(purged ? 1 : 0);
    }

    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new PurgeResult(await store.PurgeAsync(filter, cancellationToken));
    }

    public Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, OrchestrationQuery.MaxPageSize, nameof(query));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Query(query));
    }

    public Task<OrchestrationHistorySummary?> GetHistorySummaryAsync(string instanceId, int recentEvents, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfNegative(recentEvents);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.GetHistorySummary(instanceId, recentEvents));
    }

    private async Task<OrchestrationRuntimeStatus> SendAsync(string instanceId, MessageKind kind, string? name, string? data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return await store.SendAsync(instanceId, kind, name, data, cancellationToken) ?? throw Missing(instanceId);
    }

    private static NotFoundException Missing(string instanceId) => new($"There is no orchestration instance '{instanceId}'.");
}
