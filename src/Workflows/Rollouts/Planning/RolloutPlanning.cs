using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Approvals;
using Qlrf.Errors;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Workflows.Rollouts.Planning;

/// <summary>
/// Plans a rollout (to an image version or a patch set): resolves its scope, scores its risk, resolves its strategy (the request, then the risk's
/// recommended pace), cuts the canary, waves and batches, judges the plan by the safety policies, and stores
/// it all with a pending result per asset. A rollout planned before is answered from the store, so a
/// repeated activity plans the same way.
/// </summary>
public sealed class RolloutPlanning(
    IRolloutStore store,
    IImageStore images,
    ScopeResolution scopes,
    RiskInputs riskInputs,
    RolloutPolicies policies,
    RolloutPatchSets patchSets,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutPlanning> logger)
{
    public async Task<PlannedRollout> PlanAsync(string organisation, string rolloutId, CancellationToken cancellationToken)
    {
        var rollout = await store.GetAsync(organisation, rolloutId, cancellationToken)
            ?? throw new NotFoundException($"There is no rollout '{rolloutId}'.");
        if (rollout.Strategy is not null && rollout.Risk is not null)
        {
            return Planned(rollout, await store.GetStagesAsync(organisation, rolloutId, cancellationToken));
        }

        var draft = await DraftAsync(organisation, rolloutId, rollout.Request, cancellationToken);
        if (draft.Unplannable is { } gone)
        {
            rollout = await store.UpdateAsync(organisation, rolloutId, r => r with { Violations = [gone], Risk = Unscored, Strategy = new RolloutStrategy() }, cancellationToken);
            return Planned(rollout, []);
        }

        var targetVersion = draft.TargetVersion;
        var versions = draft.Assets.ToDictionary(a => a.Id, a => a.CurrentVersion, StringComparer.Ordinal);
        var pending = draft.Plan.Stages.SelectMany(s => s.Batches.SelectMany((b, i) => b.Select(id => new RolloutAssetResult
        {
            AssetId = id,
            Stage = s.Number,
            Batch = i + 1,
            FromVersion = versions[id],
            ToVersion = targetVersion ?? versions[id],
        }))).ToList();
        var risk = draft.Risk;
        rollout = await store.SavePlanAsync(organisation, rolloutId, draft.Plan.Stages, pending, r => r with
        {
            Strategy = draft.Strategy,
            Risk = risk,
            PolicyVersion = draft.PolicyVersion,
            Violations = draft.Violations,
            Environments = draft.Environments,
            AlreadyOnTarget = draft.AlreadyOnTarget,
            RequiredApprovals = draft.RequiredApprovals,
            ApprovalTimeout = draft.ApprovalTimeout,
            UpdatedAt = draft.PlannedAt,
            Progress = r.Progress with { Total = draft.Plan.AssetCount, Waves = draft.Plan.Stages.Count(s => !s.IsCanary) },
        }, cancellationToken);
        RolloutLogs.Planned(logger, rolloutId, draft.Plan.AssetCount, draft.Plan.Stages.Count, risk.Level, risk.Score, draft.PolicyVersion ?? 0, draft.Violations.Count);
        return Planned(rollout, draft.Plan.Stages);
    }

    /// <summary>
    /// Plans a request without storing anything: the scope, the risk with each factor's contribution, the strategy,
    /// the canary, waves and batches, the policies' verdict and the approvals it would need. <see cref="PlanAsync"/>
    /// stores what this returns; a dry run (<paramref name="rolloutId"/> of no stored rollout) only shows it.
    /// </summary>
    public async Task<RolloutDraft> DraftAsync(string organisation, string rolloutId, RolloutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var start = request.Schedule?.Start ?? now;
        ResolvedScope scope;
        RiskInput input;
        int critical;
        string? targetVersion = null;
        if (request.Target.IsImage)
        {
            var target = await images.GetVersionAsync(organisation, $"{request.Target.ImageFamily}@{request.Target.ImageVersion}", cancellationToken);
            if (target is null)
            {
                return RolloutDraft.Unplanned(new PolicyViolation(ScopeResolution.ScopeRule, $"{request.Target} is not in the image registry."), now);
            }

            scope = await scopes.ResolveAsync(organisation, request, target, cancellationToken);
            (input, critical) = await riskInputs.GatherAsync(rolloutId, target, scope.Assets, start, settings.DrPairTag, settings.RecentWindow, cancellationToken);
            targetVersion = target.Version;
        }
        else
        {
            var patchSet = patchSets.Find(request.Target.PatchSet ?? string.Empty);
            if (patchSet is null)
            {
                return RolloutDraft.Unplanned(new PolicyViolation(ScopeResolution.ScopeRule, $"{request.Target} is not in the patch-set catalogue."), now);
            }

            scope = await scopes.ResolveAsync(organisation, request, patchSet, cancellationToken);
            (input, critical) = await riskInputs.GatherAsync(rolloutId, organisation, patchSet, scope.Assets, start, settings.DrPairTag, settings.RecentWindow, cancellationToken);
        }

        var risk = RiskScorer.Assess(input, settings.RiskWeights);
        var planned = scope.Assets.Select(a => PlannedAssetOf(a, settings.DrPairTag)).ToList();
        var policy = policies.Current;
        var strategy = request.Strategy.Resolve(risk, policy.LargestBatchFor(planned));
        var plan = RolloutPlanner.Plan(planned, strategy);
        var exceptions = (await store.ListExceptionsAsync(organisation, cancellationToken)).Where(e => e.HoldsAt(now)).Select(e => e.Target).ToList();
        var context = new PolicyContext(request.Target, strategy, plan, planned.ToDictionary(a => a.Id, StringComparer.Ordinal), critical, exceptions, request.Schedule, now);
        var violations = scope.Violations.Concat(scope.Assets.Count == 0 ? [] : policy.Evaluate(context)).ToList();
        var approvers = policy.Approval.HighRiskApprovers ?? settings.HighRiskApprovers;
        return new RolloutDraft
        {
            PlannedAt = now,
            TargetVersion = targetVersion,
            Assets = planned,
            Strategy = strategy,
            Plan = plan,
            Risk = risk,
            Policies = policy,
            PolicyVersion = policy.Version,
            Violations = violations,
            Environments = planned.Select(a => a.Environment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            AlreadyOnTarget = scope.AlreadyOnTarget,
            RequiredApprovals = ApprovalRules.RequiredFor(risk.Level.ToString(), approvers),
            ApprovalTimeout = policy.Approval.Timeout ?? settings.ApprovalTimeout,
        };
    }

    /// <summary>An inventory asset as planning sees it (its DR pair from the configured tag).</summary>
    public static PlannedAsset PlannedAssetOf(InventoryAsset asset, string drPairTag)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new(asset.Asset.Id, asset.Asset.Environment, asset.Asset.Site, asset.Asset.Health == AssetHealth.Healthy, asset.Asset.Tags.GetValueOrDefault(drPairTag), asset.Asset.Image?.Version);
    }

    internal static readonly RiskAssessment Unscored = new(0, RiskLevel.Low, [], 1, TimeSpan.Zero);

    private PlannedRollout Planned(Rollout rollout, IReadOnlyList<RolloutStage> stages)
    {
        var settings = options.Value;
        var risk = rollout.Risk ?? Unscored;
        return new PlannedRollout
        {
            RolloutId = rollout.Id,
            Organisation = rollout.Organisation,
            RequestedBy = rollout.RequestedBy,
            Target = rollout.Request.Target,
            Autonomy = rollout.Request.Autonomy,
            Schedule = rollout.Request.Schedule,
            Strategy = rollout.Strategy ?? new RolloutStrategy(),
            Stages = stages,
            Environments = rollout.Environments,
            RiskLevel = risk.Level,
            RiskScore = risk.Score,
            TopRisks = risk.Contributions.Where(c => c.Points > 0).OrderByDescending(c => c.Points).Take(3).ToList(),
            PolicyVersion = rollout.PolicyVersion ?? 0,
            Violations = rollout.Violations,
            AlreadyOnTarget = rollout.AlreadyOnTarget,
            RequiredApprovals = rollout.RequiredApprovals,
            ApprovalTimeout = rollout.ApprovalTimeout,
            ApplyAttempts = settings.ApplyAttempts,
            ApplyRetryDelay = settings.ApplyRetryDelay,
        };
    }
}
