namespace Qlrf.Orchestration;

/// <summary>Hands out <see cref="OrganisationOrchestrations"/>, one organisation at a time.</summary>
public sealed class OrchestrationTenancy(IOrchestrationClient client, IOrchestrationHistory history)
{
    public OrganisationOrchestrations For(string organisation) => new(client, history, organisation);
}
