namespace Qlrf.Orchestration;

/// <summary>
/// A page of instances: any of <see cref="Statuses"/>, of orchestrator <see cref="Name"/>, created in
/// [<see cref="CreatedFrom"/>, <see cref="CreatedTo"/>). Pass the previous page's cursor as <see cref="ContinuationToken"/>.
/// </summary>
public sealed record OrchestrationQuery
{
    public const int MaxPageSize = 1000;

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Instances per page, 1 to <see cref="MaxPageSize"/>. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }

    public bool FetchInputsAndOutputs { get; init; }
}
