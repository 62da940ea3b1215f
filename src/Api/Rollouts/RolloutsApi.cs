using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.Api.Rollouts;

public static class RolloutsApi
{
    private const string Tag = "Rollouts";

    public static IEndpointRouteBuilder MapRolloutsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.Rollouts, async (RolloutsFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.StartRolloutAsync(await JsonBody.ReadAsync<StartRolloutBody>(r, ct), r.Headers[RolloutsFunctions.IdempotencyHeader].FirstOrDefault(), ct))
            .WithName(nameof(RolloutsFunctions.StartRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Starts a rollout of an image version to a scope of assets: planned, judged by the policies, approved as its autonomy asks, then run canary first, wave by wave. The same Idempotency-Key returns the same rollout.")
            .RequirePermission(Permission.ExecuteRollout, scopedInHandler: true)
            .Accepts<StartRolloutBody>("application/json")
            .Produces<RolloutSummary>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.Rollouts, (RolloutsFunctions f, HttpRequest r, CancellationToken ct) => f.ListRolloutsAsync(r.Query, ct))
            .WithName(nameof(RolloutsFunctions.ListRolloutsAsync))
            .WithTags(Tag)
            .WithSummary("Lists rollouts, newest first, with their status and progress.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(new QueryParameter("status", "Only rollouts in this status."))
            .WithQuery(new QueryParameter("imageFamily", "Only rollouts of this image family."))
            .WithQuery(new QueryParameter("requestedBy", "Only rollouts requested by this actor (user:…, key:…)."))
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapGet(Routes.Rollout, (RolloutsFunctions f, string id, CancellationToken ct) => f.GetRolloutAsync(id, ct))
            .WithName(nameof(RolloutsFunctions.GetRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Gets a rollout: plan, risk factors, policy verdict, approvals, progress, and each asset's result and timing.")
            .RequirePermission(Permission.ReadDashboard)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.RolloutPlan, async (RolloutPlanFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.PlanRolloutAsync(await JsonBody.ReadAsync<StartRolloutBody>(r, ct), ct))
            .WithName(nameof(RolloutPlanFunctions.PlanRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Dry run: plans a rollout of the request as it would be planned now (waves and batches, risk with each factor's contribution, policy verdicts, approvals needed, why each asset is where it is) and stores nothing: no rollout, no approval, no audit entry.")
            .RequirePermission(Permission.ReadDashboard)
            .ChangesNothing()
            .Accepts<StartRolloutBody>("application/json")
            .Produces<RolloutPlanPreview>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.RolloutExplanation, (RolloutPlanFunctions f, string id, CancellationToken ct) => f.ExplainRolloutAsync(id, ct))
            .WithName(nameof(RolloutPlanFunctions.ExplainRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Explains a rollout's plan: why each asset is in its wave and batch, why this risk (each factor's contribution), and which policies applied with their verdicts.")
            .RequirePermission(Permission.ReadDashboard)
            .Produces<RolloutExplanation>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.RolloutApprove, async (RolloutControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ApproveRolloutAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(RolloutControlFunctions.ApproveRolloutAsync))
            .WithSummary("Approves the rollout's open approval (with a comment). Its requester cannot; high risk needs several people.")
            .Decision();

        app.MapPost(Routes.RolloutReject, async (RolloutControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.RejectRolloutAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(RolloutControlFunctions.RejectRolloutAsync))
            .WithSummary("Rejects the rollout's open approval (with a comment): nothing (more) runs.")
            .Decision();

        app.MapPost(Routes.RolloutPause, async (RolloutControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.PauseRolloutAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(RolloutControlFunctions.PauseRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Pauses the rollout at its next checkpoint (between batches) until resumed.")
            .RequirePermission(Permission.ExecuteRollout, scopedInHandler: true)
            .Produces<RolloutSummary>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost(Routes.RolloutResume, async (RolloutControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ResumeRolloutAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(RolloutControlFunctions.ResumeRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Resumes a paused rollout.")
            .RequirePermission(Permission.ExecuteRollout, scopedInHandler: true)
            .Produces<RolloutSummary>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost(Routes.RolloutCancel, async (RolloutControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.CancelRolloutAsync(id, await JsonBody.ReadAsync<CancelBody>(r, ct), ct))
            .WithName(nameof(RolloutControlFunctions.CancelRolloutAsync))
            .WithTags(Tag)
            .WithSummary("Cancels the rollout at its next checkpoint; with {\"rollback\": true} it first moves back every asset it changed.")
            .RequirePermission(Permission.ExecuteRollout, scopedInHandler: true)
            .Accepts<CancelBody>("application/json")
            .Produces<RolloutSummary>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.RolloutPolicyExceptions, (PolicyExceptionsFunctions f, CancellationToken ct) => f.ListPolicyExceptionsAsync(ct))
            .WithName(nameof(PolicyExceptionsFunctions.ListPolicyExceptionsAsync))
            .WithTags(Tag)
            .WithSummary("Lists the targets an admin let through the critical-CVE policy.")
            .RequirePermission(Permission.ReadDashboard);

        app.MapPost(Routes.RolloutPolicyExceptions, async (PolicyExceptionsFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.GrantPolicyExceptionAsync(await JsonBody.ReadAsync<GrantExceptionBody>(r, ct), ct))
            .WithName(nameof(PolicyExceptionsFunctions.GrantPolicyExceptionAsync))
            .WithTags(Tag)
            .WithSummary("Lets a target (family@version) through the critical-CVE policy, with a reason and an optional expiry.")
            .RequirePermission(Permission.ApproveExceptions)
            .Accepts<GrantExceptionBody>("application/json")
            .Produces<PolicyExceptionGrant>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapDelete(Routes.RolloutPolicyException, (PolicyExceptionsFunctions f, string id, CancellationToken ct) => f.RevokePolicyExceptionAsync(id, ct))
            .WithName(nameof(PolicyExceptionsFunctions.RevokePolicyExceptionAsync))
            .WithTags(Tag)
            .WithSummary("Revokes a policy exception.")
            .RequirePermission(Permission.ApproveExceptions)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static string RequestId(HttpRequest request) => System.Diagnostics.Activity.Current?.Id ?? request.HttpContext.TraceIdentifier;

    private static RouteHandlerBuilder Decision(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.ApproveTasks, scopedInHandler: true)
            .Accepts<DecisionBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
