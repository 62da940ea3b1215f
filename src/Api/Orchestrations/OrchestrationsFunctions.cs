using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Orchestration;

namespace Qlrf.Api.Orchestrations;

/// <summary>
/// Runtime administration of the caller's organisation's orchestration instances: status with history, terminate,
/// purge. Ids are the organisation's own (a rollout's or a drill's id); another organisation's instance is not found.
/// </summary>
public sealed class OrchestrationsFunctions(OrchestrationTenancy tenancy, RequestContext request)
{
    /// <summary>How many of the latest history events the status shows.</summary>
    public const int RecentEvents = 50;

    private OrganisationOrchestrations Orchestrations => tenancy.For(request.Organisation);

    public async Task<Ok<OrchestrationResource>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var state = await FindAsync(id, cancellationToken);
        var summary = await Orchestrations.GetHistorySummaryAsync(id, RecentEvents, cancellationToken);
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
            await Orchestrations.TerminateAsync(id, new TerminateInstanceOptions(body?.Reason, body?.Recursive ?? false), cancellationToken);
        }

        return TypedResults.Accepted(Routes.PathOf(Routes.AdminOrchestration, id), OrchestrationResource.From(state, null));
    }

    /// <summary>Deletes a finished instance and its history; a live one must be terminated first.</summary>
    public async Task<NoContent> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        var state = await FindAsync(id, cancellationToken);
        if (!state.IsCompleted || (await Orchestrations.PurgeAsync(id, cancellationToken)).PurgedInstanceCount == 0)
        {
            throw new ConflictException($"The orchestration instance '{id}' is {state.RuntimeStatus}; terminate it before purging it.");
        }

        return TypedResults.NoContent();
    }

    private async Task<OrchestrationMetadata> FindAsync(string id, CancellationToken cancellationToken) =>
        await Orchestrations.GetAsync(id, getInputsAndOutputs: true, cancellationToken)
            ?? throw new NotFoundException($"There is no orchestration instance '{id}'.");
}
