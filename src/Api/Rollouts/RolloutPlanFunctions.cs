using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qlrf.Api.Infrastructure;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Api.Rollouts;

/// <summary>
/// A rollout planned without running it (a dry run, by the same planning the rollout's planning activity uses), and
/// the explanation of a rollout's plan: why each asset is where it is, why this risk, which policies applied.
/// </summary>
public sealed class RolloutPlanFunctions(
    IRolloutStore store,
    IInventoryStore inventory,
    RolloutPlanning planning,
    RolloutPolicies policies,
    RolloutRequestReader reader,
    IOptions<RolloutOptions> options,
    RequestContext request)
{
    /// <summary>Plans the request as a rollout would be planned now, and stores nothing: no rollout, no approval, no audit entry.</summary>
    public async Task<Ok<RolloutPlanPreview>> PlanRolloutAsync(StartRolloutBody? body, CancellationToken cancellationToken)
    {
        request.RequireCaller();
        var rolloutRequest = await reader.ReadAsync(request.Organisation, body, cancellationToken);
        var draft = await planning.DraftAsync(request.Organisation, "dry-run", rolloutRequest, cancellationToken);
        var assets = draft.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var explanation = PlanExplainer.Explain(draft.Plan.Stages, assets, draft.Unplannable is null ? draft.Risk : null, draft.Policies, draft.PolicyVersion, draft.Violations);
        return TypedResults.Ok(new RolloutPlanPreview(
            rolloutRequest.Target.ToString(),
            rolloutRequest.Autonomy,
            draft.Plan.AssetCount,
            draft.Strategy,
            draft.Plan.Stages.Select(StageView.Of).ToList(),
            draft.Unplannable is null ? draft.Risk : null,
            new PolicyVerdict(draft.PolicyVersion, draft.Violations, draft.AlreadyOnTarget, draft.Environments),
            new ApprovalRequirement(draft.RequiredApprovals, draft.ApprovalTimeout),
            explanation));
    }

    /// <summary>Explains a stored rollout's plan; the assets' environment, health, site and DR pair are the inventory's now.</summary>
    public async Task<Ok<RolloutExplanation>> ExplainRolloutAsync(string id, CancellationToken cancellationToken)
    {
        var rollout = await RolloutsFunctions.FindAsync(store, request.Organisation, id, cancellationToken);
        var stages = await store.GetStagesAsync(request.Organisation, id, cancellationToken);
        var assets = new Dictionary<string, PlannedAsset>(StringComparer.Ordinal);
        foreach (var assetId in stages.SelectMany(s => s.Batches).SelectMany(b => b))
        {
            if (await inventory.GetAssetAsync(request.Organisation, assetId, cancellationToken) is { } asset)
            {
                assets[assetId] = RolloutPlanning.PlannedAssetOf(asset, options.Value.DrPairTag);
            }
        }

        var planned = rollout.Strategy is not null && rollout.Risk is not null;
        var explanation = PlanExplainer.Explain(stages, assets, rollout.Risk, policies.Current, rollout.PolicyVersion, rollout.Violations);
        return TypedResults.Ok(new RolloutExplanation(rollout.Id, rollout.Status, planned, rollout.Request.Target.ToString(), explanation));
    }
}
