namespace Qlrf.Ai;

/// <summary>Where an AI task is.</summary>
public enum AiTaskStatus
{
    /// <summary>Planned and validated; its read-only results are in; proposals wait for a person's approval.</summary>
    AwaitingApproval,

    /// <summary>Approved (or allowed by its autonomy): its proposals are being made and followed.</summary>
    Running,

    /// <summary>Done: read-only results only, or every proposed workflow ended.</summary>
    Completed,

    /// <summary>The plan failed validation: nothing was proposed.</summary>
    Invalid,

    /// <summary>The planner asks back: nothing ran.</summary>
    NeedsClarification,

    /// <summary>The request was refused: nothing ran.</summary>
    Refused,

    Rejected,

    /// <summary>Nobody decided in time: nothing was proposed.</summary>
    Expired,

    Failed,
}

/// <summary>What a tool call returned: a short summary and its (size-bounded) JSON output, or its error.</summary>
public sealed record AiToolResult(int Index, string Tool, string Summary, string? Output = null, string? Error = null);

/// <summary>A workflow the task started: its kind (<c>rollout</c>, <c>drill</c>), its id, and its last known status.</summary>
public sealed record AiProposal(int Index, string Kind, string Id, string Status, bool Finished = false);

/// <summary>Tokens a model used for a task (zero for the rule-based planner).</summary>
public sealed record AiUsage(long InputTokens, long OutputTokens, int Calls)
{
    public static readonly AiUsage None = new(0, 0, 0);

    public AiUsage Add(AiUsage other) => new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Calls + other.Calls);
}

/// <summary>A person's decision on a task.</summary>
public sealed record AiDecision(string Actor, bool Approved, string Comment, DateTimeOffset At);

/// <summary>
/// An AI task: the prompt, who asked, the plan, its validation, the tool calls' results, the workflows it proposed, and
/// where it is. Prompts and outputs are the organisation's data: stored under it, shown only to it.
/// </summary>
public sealed record AiTask
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string RequestedBy { get; init; }

    public required string Prompt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public AiTaskStatus Status { get; init; }

    /// <summary><c>rules</c>, or <c>llm:{model}</c>.</summary>
    public string Planner { get; init; } = "rules";

    public AiAutonomy Autonomy { get; init; } = AiAutonomy.ApproveAll;

    public required TaskSpec Plan { get; init; }

    public PlanValidation Validation { get; init; } = new([]);

    /// <summary>The environments the plan's proposals change (a decision needs <c>approve:ai-tasks</c> in each).</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    public IReadOnlyList<AiToolResult> Results { get; init; } = [];

    public IReadOnlyList<AiProposal> Proposals { get; init; } = [];

    public AiDecision? Decision { get; init; }

    public DateTimeOffset? ApprovalDeadline { get; init; }

    public AiUsage Usage { get; init; } = AiUsage.None;

    public string? Summary { get; init; }

    public long ETag { get; init; }
}
