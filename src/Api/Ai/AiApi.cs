using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Ai;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Ai;

public static class AiApi
{
    private const string Tag = "AI";

    public static IEndpointRouteBuilder MapAiApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AiTasks, async (AiFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.CreateTaskAsync(await JsonBody.ReadAsync<CreateAiTaskBody>(r, ct), ct))
            .WithName("CreateAiTask")
            .WithTags(Tag)
            .WithSummary("Asks the copilot in plain words: returns the task with its plan (typed tool calls), the plan's validation (schema, permissions, rollout policies, scope, autonomy) and the read-only tools' results. Proposed rollouts and drills are made only after a person approves the task, and then wait for their own approval.")
            .RequirePermission(Permission.ExecuteAiTasks)
            .Accepts<CreateAiTaskBody>("application/json")
            .Produces<AiTaskResource>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.AiTasks, (AiFunctions f, HttpRequest r, CancellationToken ct) => f.ListTasksAsync(r.Query, ct))
            .WithName("ListAiTasks")
            .WithTags(Tag)
            .WithSummary("Lists AI tasks, newest first.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapGet(Routes.AiTask, (AiFunctions f, string id, CancellationToken ct) => f.GetTaskAsync(id, ct))
            .WithName("GetAiTask")
            .WithTags(Tag)
            .WithSummary("Gets an AI task: prompt, plan, validation, tool calls and results, the rollouts and drills it proposed, decision and status.")
            .RequirePermission(Permission.ReadDashboard)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.AiTaskApprove, async (AiFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ApproveTaskAsync(id, await JsonBody.ReadAsync<AiDecisionBody>(r, ct), ct))
            .WithName("ApproveAiTask")
            .WithSummary("Approves a task's plan (approve:ai-tasks in every environment its proposals change): its rollouts and drills are created, each waiting for its own approval.")
            .Decision();

        app.MapPost(Routes.AiTaskReject, async (AiFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.RejectTaskAsync(id, await JsonBody.ReadAsync<AiDecisionBody>(r, ct), ct))
            .WithName("RejectAiTask")
            .WithSummary("Rejects a task's plan: nothing is proposed.")
            .Decision();

        app.MapGet(Routes.AiTools, AiFunctions.ListTools)
            .WithName("ListAiTools")
            .WithTags(Tag)
            .WithSummary("The copilot's tools: JSON schema of the arguments, description, risk (read_only, plan_only, state_change_nonprod, state_change_prod) and the permission each needs.")
            .RequirePermission(Permission.ReadDashboard);

        app.MapGet(Routes.AiAgents, AiFunctions.ListAgents)
            .WithName("ListAiAgents")
            .WithTags(Tag)
            .WithSummary("The copilot's agents: the intents each plans and the tools it uses.")
            .RequirePermission(Permission.ReadDashboard);

        app.MapGet(Routes.AiUsage, (AiFunctions f, HttpRequest r, CancellationToken ct) => f.GetUsageAsync(r.Query, ct))
            .WithName("GetAiUsage")
            .WithTags(Tag)
            .WithSummary("Model tokens in and out used by the organisation per day (UTC), from the model's usage reports.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(new QueryParameter("from", "First day, yyyy-MM-dd (default 29 days before 'to')."))
            .WithQuery(new QueryParameter("to", "Last day, yyyy-MM-dd (default today)."))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static RouteHandlerBuilder Decision(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.ApproveAiTasks, scopedInHandler: true)
            .Accepts<AiDecisionBody>("application/json")
            .Produces<AiTaskResource>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
