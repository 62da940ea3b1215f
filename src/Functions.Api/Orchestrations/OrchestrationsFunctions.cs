using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Functions.Api.Orchestrations;

/// <summary>Runtime administration of orchestration instances: status with history, terminate, purge.</summary>
public sealed class OrchestrationsFunctions(IOrchestrationClient client, IOrchestrationHistory history)
{
    /// <summary>How many of the latest history events the status shows.</summary>
    public const int RecentEvents = 50;

    public async Task<Ok<OrchestrationResource>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var state = await FindAsync(id, cancellationToken);
        var summary = await history.GetHistorySummaryAsync(id, RecentEvents, cancellationToken);
        return TypedResults.Ok(OrchestrationResource.From(state, summary));
    }

    /// <summary>
    /// Terminates a Pending, Running or Suspended instance; the runtime applies it at the instance's next step. Terminating
    /// an instance already Terminated is accepted again (a retried request changes nothing); Completed or Failed is a conflict.
    /// </summary>
    public async Task<Accepted<OrchestrationResource>> TerminateAsync(string id, TerminateRequest? body, CancellationToken cancellationToken)
    {
        var state = await FindAsync(id, cancellationToken);
        if (state.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed)
        {
            throw new ConflictException($"The orchestration instance '{id}' has already finished ({state.RuntimeStatus}).");
        }

        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Terminated)
        {
            await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(body?.Reason, body?.Recursive ?? false), cancellationToken);
        }

        return TypedResults.Accepted(Location(id), OrchestrationResource.From(state, null));
    }

    /// <summary>Deletes a finished instance and its history; a live one must be terminated first.</summary>
    public async Task<NoContent> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        var state = await FindAsync(id, cancellationToken);
        if (!state.IsCompleted || (await client.PurgeInstanceAsync(id, cancellationToken)).PurgedInstanceCount == 0)
        {
            throw new ConflictException($"The orchestration instance '{id}' is {state.RuntimeStatus}; terminate it before purging it.");
        }

        return TypedResults.NoContent();
    }

    private async Task<OrchestrationMetadata> FindAsync(string id, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)
            ?? throw new NotFoundException($"There is no orchestration instance '{id}'.");

    private static string Location(string id) => "/" + Routes.AdminOrchestration.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
