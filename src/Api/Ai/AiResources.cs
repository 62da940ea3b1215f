using System.Text.Json;
using System.Text.Json.Nodes;
using Qlrf.Ai;
using Qlrf.Security;

namespace Qlrf.Api.Ai;

/// <summary>Body of <c>POST /api/v1/ai/tasks</c>: the request in plain words, and optionally the autonomy (<c>plan_only</c>, <c>approve_all</c>, <c>canary_only</c>, <c>risk_based</c>).</summary>
public sealed record CreateAiTaskBody(string? Prompt, string? Autonomy);

/// <summary>Body of approve and reject: the decider's comment.</summary>
public sealed record AiDecisionBody(string? Comment);

/// <summary>A tool call's result: its summary and its (size-bounded) JSON output, or its error.</summary>
public sealed record AiToolResultResource(int Index, string Tool, string Summary, JsonElement? Output, string? Error)
{
    public static AiToolResultResource Of(AiToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Index, result.Tool, result.Summary, result.Output is null ? null : JsonDocument.Parse(result.Output).RootElement.Clone(), result.Error);
    }
}

/// <summary>A workflow the task proposed, with where to read it.</summary>
public sealed record AiProposalResource(int Index, string Kind, string Id, string Status, bool Finished, string? Link)
{
    public static AiProposalResource Of(AiProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var link = proposal.Id.Length == 0 ? null : Routes.PathOf(proposal.Kind == "rollout" ? Routes.Rollout : Routes.DrDrill, proposal.Id);
        return new(proposal.Index, proposal.Kind, proposal.Id, proposal.Status, proposal.Finished, link);
    }
}

/// <summary>An AI task in full: prompt, plan, validation, tool results, proposed workflows, decision, status, summary and tokens.</summary>
public sealed record AiTaskResource(
    string Id,
    AiTaskStatus Status,
    string Prompt,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Planner,
    AiAutonomy Autonomy,
    TaskSpec Plan,
    PlanValidation Validation,
    IReadOnlyList<string> Environments,
    IReadOnlyList<AiToolResultResource> Results,
    IReadOnlyList<AiProposalResource> Proposals,
    AiDecision? Decision,
    DateTimeOffset? ApprovalDeadline,
    AiUsage Usage,
    string? Summary)
{
    public static AiTaskResource Of(AiTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.Status, task.Prompt, task.RequestedBy, task.CreatedAt, task.UpdatedAt, task.Planner, task.Autonomy, task.Plan, task.Validation, task.Environments,
            task.Results.Select(AiToolResultResource.Of).ToList(), task.Proposals.Select(AiProposalResource.Of).ToList(), task.Decision, task.ApprovalDeadline, task.Usage, task.Summary);
    }
}

/// <summary>A task in a listing.</summary>
public sealed record AiTaskSummary(string Id, AiTaskStatus Status, AiIntent Intent, AiRisk Risk, string Prompt, string RequestedBy, DateTimeOffset CreatedAt, string? Summary)
{
    public static AiTaskSummary Of(AiTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.Status, task.Plan.Intent, task.Plan.Risk, task.Prompt, task.RequestedBy, task.CreatedAt, task.Summary);
    }
}

/// <summary>A tool as <c>GET /api/v1/ai/tools</c> lists it: its JSON schema, risk and the permission it needs.</summary>
public sealed record AiToolResource(string Name, string Description, AiRisk Risk, string Permission, JsonObject Parameters)
{
    public static AiToolResource Of(AiToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return new(tool.Name, tool.Description, tool.Risk, PermissionNames.Of(tool.Permission), tool.JsonSchema());
    }
}

/// <summary>Tokens used per day (UTC) by the caller's organisation, and the totals.</summary>
public sealed record AiUsageResource(DateOnly From, DateOnly To, long InputTokens, long OutputTokens, int Calls, IReadOnlyList<AiUsageDayResource> Days);

public sealed record AiUsageDayResource(DateOnly Day, long InputTokens, long OutputTokens, int Calls);
