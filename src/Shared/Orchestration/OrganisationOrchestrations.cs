using Qlrf.Tenancy;

namespace Qlrf.Orchestration;

/// <summary>
/// The orchestration runtime as one organisation sees it. Every instance belongs to one organisation: its instance id
/// is the organisation's id, <see cref="Separator"/>, and the id the application gave it (a rollout's or a drill's id).
/// Everything here takes and returns those local ids, so an organisation can only ever address its own instances:
/// another organisation's id names an instance that does not exist. Application code reaches the runtime only
/// through this type (a test holds it to that); <see cref="IOrchestrationClient"/> is the runtimes' own port.
/// </summary>
public sealed class OrganisationOrchestrations
{
    /// <summary>Between the organisation and the local id in an instance id. Organisation ids never contain it.</summary>
    public const char Separator = ':';

    private readonly IOrchestrationClient client;
    private readonly IOrchestrationHistory history;

    internal OrganisationOrchestrations(IOrchestrationClient client, IOrchestrationHistory history, string organisation)
    {
        if (!OrganisationId.IsValid(organisation))
        {
            throw new ArgumentException($"'{organisation}' is not an organisation id.", nameof(organisation));
        }

        this.client = client;
        this.history = history;
        Organisation = organisation;
    }

    public string Organisation { get; }

    /// <summary>The runtime's instance id of an organisation's instance.</summary>
    public static string InstanceIdOf(string organisation, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisation);
        ArgumentException.ThrowIfNullOrEmpty(id);
        return organisation + Separator + id;
    }

    /// <summary>Starts an instance under <paramref name="id"/>; <see cref="IOrchestrationClient.ScheduleNewOrchestrationInstanceAsync"/> says when that conflicts.</summary>
    public async Task<string> ScheduleAsync(string orchestratorName, object? input, string id, CancellationToken cancellationToken = default)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(Qualify(id)), cancellationToken);
        return id;
    }

    public Task RaiseEventAsync(string id, string eventName, object? payload = null, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(Qualify(id), eventName, payload, cancellationToken);

    public async Task<OrchestrationMetadata?> GetAsync(string id, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        Local(await client.GetInstanceAsync(Qualify(id), getInputsAndOutputs, cancellationToken), id);

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string id, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        Local(await client.WaitForInstanceCompletionAsync(Qualify(id), getInputsAndOutputs, cancellationToken), id)!;

    public Task TerminateAsync(string id, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default) =>
        client.TerminateInstanceAsync(Qualify(id), options, cancellationToken);

    public Task<PurgeResult> PurgeAsync(string id, CancellationToken cancellationToken = default) =>
        client.PurgeInstanceAsync(Qualify(id), cancellationToken);

    public Task<OrchestrationHistorySummary?> GetHistorySummaryAsync(string id, int recentEvents, CancellationToken cancellationToken = default) =>
        history.GetHistorySummaryAsync(Qualify(id), recentEvents, cancellationToken);

    private string Qualify(string id) => InstanceIdOf(Organisation, id);

    private static OrchestrationMetadata? Local(OrchestrationMetadata? state, string id) => state is null ? null : state with { InstanceId = id };
}
