using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Ai;
using Qlrf.Ai.Tasks;
using Qlrf.Ai.Tools;
using Qlrf.Api.Infrastructure;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Api.Ai;

/// <summary>The AI copilot's HTTP functions: tasks (create, list, read, approve, reject), tools, agents and token usage.</summary>
public sealed class AiFunctions(AiTaskService tasks, IAiUsageStore usage, RequestContext request, TimeProvider time)
{
    public const string Listing = "ai-tasks";
    public const int MaxUsageDays = 366;

    public async Task<Created<AiTaskResource>> CreateTaskAsync(CreateAiTaskBody? body, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var task = await tasks.CreateAsync(caller, body?.Prompt, body?.Autonomy, cancellationToken);
        var location = Routes.PathOf(Routes.AiTask, task.Id);
        request.AuditTarget = location;
        request.AuditDetails["prompt"] = task.Prompt.Length <= 500 ? task.Prompt : task.Prompt[..500];
        request.AuditDetails["intent"] = EnumText<AiIntent>.Of(task.Plan.Intent);
        request.AuditDetails["status"] = EnumText<AiTaskStatus>.Of(task.Status);
        request.AuditDetails["tools"] = string.Join(",", task.Plan.ToolCalls.Select(c => c.Tool));
        request.AuditDetails["planner"] = task.Planner;
        return TypedResults.Created(location, AiTaskResource.Of(task));
    }

    public async Task<Ok<PageResponse<AiTaskSummary>>> ListTasksAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var result = await tasks.ListAsync(request.Organisation, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<AiTaskSummary>(result.Items.Select(AiTaskSummary.Of).ToList(), PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<AiTaskResource>> GetTaskAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(AiTaskResource.Of(await tasks.GetAsync(request.Organisation, id, cancellationToken)));

    public Task<Ok<AiTaskResource>> ApproveTaskAsync(string id, AiDecisionBody? body, CancellationToken cancellationToken) =>
        DecideAsync(id, true, body, cancellationToken);

    public Task<Ok<AiTaskResource>> RejectTaskAsync(string id, AiDecisionBody? body, CancellationToken cancellationToken) =>
        DecideAsync(id, false, body, cancellationToken);

    public static Ok<IReadOnlyList<AiToolResource>> ListTools() =>
        TypedResults.Ok<IReadOnlyList<AiToolResource>>(AiToolCatalog.All.Select(AiToolResource.Of).ToList());

    public static Ok<IReadOnlyList<AiAgent>> ListAgents() =>
        TypedResults.Ok(AiAgents.All(AiToolCatalog.All));

    public async Task<Ok<AiUsageResource>> GetUsageAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = Day(query, "to") ?? today;
        var from = Day(query, "from") ?? to.AddDays(-29);
        if (from > to || to.DayNumber - from.DayNumber >= MaxUsageDays)
        {
            throw new RequestValidationException("from", $"must be on or before 'to', at most {MaxUsageDays} days earlier.");
        }

        var days = await usage.ListAsync(request.Organisation, from, to, cancellationToken);
        return TypedResults.Ok(new AiUsageResource(from, to, days.Sum(d => d.InputTokens), days.Sum(d => d.OutputTokens), days.Sum(d => d.Calls),
            days.Select(d => new AiUsageDayResource(d.Day, d.InputTokens, d.OutputTokens, d.Calls)).ToList()));
    }

    private async Task<Ok<AiTaskResource>> DecideAsync(string id, bool approve, AiDecisionBody? body, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var task = await tasks.DecideAsync(caller, id, approve, body?.Comment, cancellationToken);
        request.AuditTarget = Routes.PathOf(Routes.AiTask, task.Id);
        request.AuditDetails["decision"] = approve ? "approved" : "rejected";
        return TypedResults.Ok(AiTaskResource.Of(task));
    }

    private static DateOnly? Day(IQueryCollection query, string name) =>
        Query.Value(query, name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new RequestValidationException(name, $"'{text}' is not a date (yyyy-MM-dd).");
}
