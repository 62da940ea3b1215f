using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Approvals;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Workflows.Rollouts;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.Api.Rollouts;

/// <summary>Rollouts' HTTP functions: start one (idempotently), list them, read one in full.</summary>
public sealed class RolloutsFunctions(
    IRolloutStore store,
    IApprovalStore approvals,
    RolloutLauncher launcher,
    IAccessEvaluator access,
    RolloutRequestReader reader,
    RequestContext request)
{
    public const string Listing = "rollouts";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Starts a rollout: 202 with the new rollout; with an <c>Idempotency-Key</c> seen before, 200 with the rollout it
    /// started (409 if it came with a different request). Needs <c>execute:rollout</c> in every environment the
    /// scope names (over the organisation when it names none).
    /// </summary>
    public async Task<Results<Accepted<RolloutSummary>, Ok<RolloutSummary>>> StartRolloutAsync(StartRolloutBody? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var key = IdempotencyKey(idempotencyKey);
        var rolloutRequest = await reader.ReadAsync(request.Organisation, body, cancellationToken);
        await RequireAsync(caller, Permission.ExecuteRollout, rolloutRequest.Scope.Environments, cancellationToken);
        var (rollout, created) = await launcher.StartAsync(request.Organisation, caller.Actor, rolloutRequest, key, cancellationToken);
        var location = Routes.PathOf(Routes.Rollout, rollout.Id);
        request.AuditTarget = location;
        request.AuditDetails["rolloutId"] = rollout.Id;
        request.AuditDetails["target"] = rolloutRequest.Target.ToString();
        return created ? TypedResults.Accepted(location, RolloutSummary.Of(rollout)) : TypedResults.Ok(RolloutSummary.Of(rollout));
    }

    public async Task<Ok<PageResponse<RolloutSummary>>> ListRolloutsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var filter = new RolloutFilter
        {
            Status = Query.Enum<RolloutStatus>(query, "status"),
            ImageFamily = Query.Value(query, "imageFamily"),
            RequestedBy = Query.Value(query, "requestedBy"),
        };
        var result = await store.ListAsync(request.Organisation, filter, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<RolloutSummary>(result.Items.Select(RolloutSummary.Of).ToList(), PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<RolloutDetail>> GetRolloutAsync(string id, CancellationToken cancellationToken)
    {
        var rollout = await FindAsync(store, request.Organisation, id, cancellationToken);
        var stages = await store.GetStagesAsync(request.Organisation, id, cancellationToken);
        var decisions = await approvals.ListBySubjectAsync(request.Organisation, id, cancellationToken);
        var assets = await store.ListResultsAsync(request.Organisation, id, cancellationToken);
        return TypedResults.Ok(new RolloutDetail(
            RolloutSummary.Of(rollout),
            rollout.Request,
            rollout.Strategy,
            stages.Select(StageView.Of).ToList(),
            rollout.Risk,
            new PolicyVerdict(rollout.PolicyVersion, rollout.Violations, rollout.AlreadyOnTarget, rollout.Environments),
            new ApprovalRequirement(rollout.RequiredApprovals, rollout.ApprovalTimeout),
            decisions.Select(ApprovalRecord.Of).ToList(),
            assets));
    }

    /// <summary>The rollout of the caller's organisation; 404 for any other (another organisation's included).</summary>
    internal static async Task<Rollout> FindAsync(IRolloutStore store, string organisation, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no rollout '{id}'.");

    /// <summary>The caller must hold the permission in each environment (over the organisation when none are named).</summary>
    internal static async Task RequireAsync(IAccessEvaluator access, Principal caller, Permission permission, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var allowed = environments.Count == 0
            ? AccessPolicy.Allows(caller, permission, AccessScope.Of(caller.Organisation))
            : await access.HasPermissionInEveryEnvironmentAsync(caller, permission, null, environments, cancellationToken);
        if (!allowed)
        {
            throw new ForbiddenException($"This needs the permission {PermissionNames.Of(permission)} in {(environments.Count == 0 ? "the organisation" : string.Join(", ", environments))}.");
        }
    }

    private Task RequireAsync(Principal caller, Permission permission, IReadOnlyList<string> environments, CancellationToken cancellationToken) =>
        RequireAsync(access, caller, permission, environments, cancellationToken);

    private static string? IdempotencyKey(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var key = header.Trim();
        return key.Length is > 0 and <= MaxIdempotencyKeyLength && !key.Any(char.IsControl)
            ? key
            : throw new RequestValidationException(IdempotencyHeader, $"must be 1 to {MaxIdempotencyKeyLength} characters, without control characters.");
    }
}
