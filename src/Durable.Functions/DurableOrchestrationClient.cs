using Qlrf.Errors;
using Qlrf.Orchestration;
using Qlrf.Paging;
using Theirs = Microsoft.DurableTask.Client;

namespace Qlrf.Durable.Functions;

/// <summary>
/// Serves our <see cref="IOrchestrationClient"/> from the <c>[DurableClient]</c> binding of the running function
/// (<see cref="DurableClientScope"/>), keeping our contract: reusing a live instance's id is a conflict, an event
/// for a missing instance is not found, purge deletes only terminal instances.
/// </summary>
public sealed class DurableOrchestrationClient : IOrchestrationClient
{
    private static Theirs.DurableTaskClient Client => DurableClientScope.Client;

    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.InstanceId is { } id && await Client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is { } existing
            && !existing.RuntimeStatus.ToOurs().IsTerminal())
        {
            throw new ConflictException($"The orchestration instance '{id}' is already {existing.RuntimeStatus}.");
        }

        var start = options?.InstanceId is null ? null : new Microsoft.DurableTask.StartOrchestrationOptions(options.InstanceId);
        return await Client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, start, cancellationToken);
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        _ = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken)
            ?? throw new NotFoundException($"There is no orchestration instance '{instanceId}'.");
        await Client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken);
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken))?.ToOurs();

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        (await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellationToken)).ToOurs();

    public Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default) =>
        Client.TerminateInstanceAsync(instanceId, new Theirs.TerminateInstanceOptions { Output = options?.Output, Recursive = options?.Recursive ?? false }, cancellationToken);

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Client.SuspendInstanceAsync(instanceId, reason, cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Client.ResumeInstanceAsync(instanceId, reason, cancellationToken);

    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (state is null || !state.RuntimeStatus.ToOurs().IsTerminal())
        {
            return new PurgeResult(0);
        }

        return new PurgeResult((await Client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount);
    }

    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]).ToList();
        if (statuses.Any(s => !s.IsTerminal()))
        {
            throw new ArgumentException("Only Completed, Failed and Terminated instances can be purged.", nameof(filter));
        }

        var theirs = new Theirs.PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, statuses.ConvertAll(s => s.ToDurable()));
        return new PurgeResult((await Client.PurgeAllInstancesAsync(theirs, cancellation: cancellationToken)).PurgedInstanceCount);
    }

    public async Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var theirs = new Theirs.OrchestrationQuery(
            CreatedFrom: query.CreatedFrom,
            CreatedTo: query.CreatedTo,
            Statuses: query.Statuses?.Select(s => s.ToDurable()).ToList(),
            TaskHubNames: null,
            InstanceIdPrefix: null,
            PageSize: query.PageSize,
            FetchInputsAndOutputs: query.FetchInputsAndOutputs,
            ContinuationToken: query.ContinuationToken);
        await foreach (var page in Client.GetAllInstancesAsync(theirs).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            var items = page.Values.Where(m => query.Name is null || string.Equals(m.Name, query.Name, StringComparison.OrdinalIgnoreCase)).Select(m => m.ToOurs()).ToList();
            return new Page<OrchestrationMetadata>(items, page.ContinuationToken);
        }

        return new Page<OrchestrationMetadata>([], null);
    }
}
