using Qlrf.Security;

namespace Qlrf.Ai.Planning;

/// <summary>A request to plan: who asks (their organisation and permissions bound what a planner may read), the prompt, and the organisation's vocabulary.</summary>
public sealed record AiPlanningRequest(Principal Caller, string Prompt, AiVocabulary Vocabulary)
{
    public string Organisation => Caller.Organisation;
}

/// <summary>A plan and how it was made: the planner's name (<c>rules</c>, <c>llm:{model}</c>) and the tokens a model used.</summary>
public sealed record AiPlanningResult(TaskSpec Plan, string Planner, AiUsage Usage);

/// <summary>Turns a natural-language request into a <see cref="TaskSpec"/>.</summary>
public interface IAiPlanner
{
    Task<AiPlanningResult> PlanAsync(AiPlanningRequest request, CancellationToken cancellationToken);
}
