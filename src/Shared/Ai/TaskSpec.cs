namespace Qlrf.Ai;

/// <summary>
/// A plan for a natural-language request: what it asks (<see cref="Intent"/>), which agent handles it, about what
/// (<see cref="Scope"/>), the tool calls to make in order, the plan's risk (its riskiest call's), and why. A request
/// not understood carries <see cref="Questions"/> and no calls; a refused one its <see cref="Refusal"/> and no calls.
/// </summary>
public sealed record TaskSpec
{
    public required AiIntent Intent { get; init; }

    public required string Agent { get; init; }

    public AiScope Scope { get; init; } = new();

    /// <summary>Other facts read from the request (canary first, dry run, a time span), as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<AiToolCall> ToolCalls { get; init; } = [];

    public AiRisk Risk { get; init; } = AiRisk.ReadOnly;

    public string Explanation { get; init; } = string.Empty;

    /// <summary>What the planner needs to know before it can plan (asked back to the requester).</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>Why the request is refused, when it is.</summary>
    public string? Refusal { get; init; }

    public static TaskSpec Clarify(string explanation, params string[] questions) =>
        new() { Intent = AiIntent.Clarify, Agent = AiAgents.Triage, Explanation = explanation, Questions = questions };

    public static TaskSpec Refuse(string refusal) =>
        new() { Intent = AiIntent.Refuse, Agent = AiAgents.Triage, Explanation = refusal, Refusal = refusal };
}
