namespace Qlrf.Ai.Planning;

/// <summary>A request to plan: the prompt, the organisation's vocabulary, and the organisation (for usage and tool calls).</summary>
public sealed record AiPlanningRequest(string Organisation, string Prompt, AiVocabulary Vocabulary);

/// <summary>A plan and how it was made: the planner's name (<c>rules</c>, <c>llm:{model}</c>) and the tokens a model used.</summary>
public sealed record AiPlanningResult(TaskSpec Plan, string Planner, AiUsage Usage);

/// <summary>Turns a natural-language request into a <see cref="TaskSpec"/>.</summary>
public interface IAiPlanner
{
    Task<AiPlanningResult> PlanAsync(AiPlanningRequest request, CancellationToken cancellationToken);
}
