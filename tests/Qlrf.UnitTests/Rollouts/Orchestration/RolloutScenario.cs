using Qlrf.Approvals;
using Qlrf.Execution;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Notifications;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Inventory;
using Qlrf.Notifications;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Rollouts.Orchestration;

/// <summary>
/// A rollout orchestration on the hand-driven context, with its activities faked over an in-memory estate:
/// assets move between versions, the assets in <see cref="FailApply"/> fail to change and those in
/// <see cref="Unhealthy"/> fail their health check. Records what ran, in order.
/// </summary>
internal sealed class RolloutScenario
{
    public const string From = "1.0";
    public const string To = "2.0";

    public RolloutScenario(PlannedRollout plan)
    {
        Plan = plan;
        Context = new FakeOrchestrationContext(plan.RolloutId)
            .On<RolloutInput, PlannedRollout>(nameof(PlanRolloutActivity), _ => Plan)
            .On<RolloutStatusChange, bool>(nameof(SetRolloutStatusActivity), c => { Statuses.Add(c); return true; })
            .On<Notification, bool>(nameof(NotifyActivity), n => { Notifications.Add(n); return true; })
            .On<Approval, Approval>(nameof(OpenApprovalActivity), a => { Approvals.Add(a); return a; })
            .On<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), r => new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null))
            .On<ApplyImageInput, AssetChangeOutcome>(nameof(ApplyImageActivity), Apply)
            .On<BatchCheckInput, BatchCheckResult>(nameof(CheckBatchHealthActivity), Check)
            .On<RollbackAssetInput, string?>(nameof(RollbackAssetActivity), Rollback)
            .On<ApplyPatchSetInput, AssetChangeOutcome>(nameof(ApplyPatchSetActivity), ApplyPatchSet)
            .On<RemovePatchSetInput, string?>(nameof(RemovePatchSetActivity), RemovePatchSet)
            .On<SweepSourcesInput, int>(nameof(SweepSourcesActivity), s => { Sweeps.Add(s); return s.Sources.Count; });
        foreach (var id in plan.Stages.SelectMany(s => s.Batches).SelectMany(b => b))
        {
            Versions[id] = From;
        }
    }

    public PlannedRollout Plan { get; set; }

    public FakeOrchestrationContext Context { get; }

    public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailApply { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Unhealthy { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs when an asset is changed (to raise control events mid-run).</summary>
    public Action<string>? OnApply { get; set; }

    public List<string> Applied { get; } = [];

    public List<string> RolledBack { get; } = [];

    /// <summary>The assets that carry the rollout's patch set now.</summary>
    public HashSet<string> Patched { get; } = new(StringComparer.Ordinal);

    public List<RolloutStatusChange> Statuses { get; } = [];

    public List<Notification> Notifications { get; } = [];

    public List<Approval> Approvals { get; } = [];

    public List<SweepSourcesInput> Sweeps { get; } = [];

    public List<BatchCheckInput> Checks { get; } = [];

    public Task<RolloutOutcome> StartAsync() =>
        new RolloutOrchestrator().RunAsync(Context, new RolloutInput(Plan.Organisation, Plan.RolloutId));

    public void Decide(ApprovalStatus status, params ApprovalDecision[] decisions) =>
        Context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome(Approvals[^1].Id, status, decisions, Context.CurrentUtcDateTime));

    public void Approve(string by = "user:bob") =>
        Decide(ApprovalStatus.Approved, new ApprovalDecision(by, ApprovalDecisionKind.Approve, "ok", "api", Context.CurrentUtcDateTime));

    public IEnumerable<RolloutStatus> StatusTrail => Statuses.Select(s => s.Status);

    public static PlannedRollout PlanOf(params string[][] stages) => new()
    {
        RolloutId = "ro-acme-1",
        Organisation = "acme",
        RequestedBy = "user:alice",
        Target = new RolloutTarget { ImageFamily = "ubuntu", ImageVersion = To },
        Autonomy = Autonomy.ApproveAll,
        Strategy = new RolloutStrategy { BatchSize = 2, WaitBetweenWaves = TimeSpan.Zero },
        Stages = stages.Select((ids, i) => new RolloutStage(i, IsCanary: i == 0, ids.Chunk(2).Select(c => (IReadOnlyList<string>)c).ToList())).ToList(),
        Environments = ["staging"],
        RiskLevel = RiskLevel.Medium,
        RiskScore = 30,
        RequiredApprovals = 1,
        ApprovalTimeout = TimeSpan.FromHours(24),
        ApplyAttempts = 3,
        ApplyRetryDelay = TimeSpan.FromSeconds(1),
    };

    private AssetChangeOutcome Apply(ApplyImageInput input)
    {
        Applied.Add(input.AssetId);
        OnApply?.Invoke(input.AssetId);
        if (FailApply.Contains(input.AssetId))
        {
            throw new ExecutorException($"injected: {input.AssetId} failed to change");
        }

        var from = Versions[input.AssetId];
        Versions[input.AssetId] = input.Version;
        var at = new DateTimeOffset(Context.CurrentUtcDateTime, TimeSpan.Zero);
        return new AssetChangeOutcome(input.AssetId, from != input.Version, from, input.Version, AssetHealth.Healthy, AssetState.Running, "sandbox", Platform.Aws, at, at);
    }

    private AssetChangeOutcome ApplyPatchSet(ApplyPatchSetInput input)
    {
        Applied.Add(input.AssetId);
        if (FailApply.Contains(input.AssetId))
        {
            throw new ExecutorException($"injected: {input.AssetId} failed to take {input.PatchSetId}");
        }

        var at = new DateTimeOffset(Context.CurrentUtcDateTime, TimeSpan.Zero);
        var version = Versions[input.AssetId];
        return new AssetChangeOutcome(input.AssetId, Patched.Add(input.AssetId), version, version, AssetHealth.Healthy, AssetState.Running, "sandbox", Platform.Aws, at, at);
    }

    private string? RemovePatchSet(RemovePatchSetInput input)
    {
        RolledBack.Add(input.AssetId);
        Patched.Remove(input.AssetId);
        return "sandbox";
    }

    private BatchCheckResult Check(BatchCheckInput input)
    {
        Checks.Add(input);
        var failures = input.Steps
            .Where(s => s.Outcome is null || Unhealthy.Contains(s.AssetId))
            .ToDictionary(s => s.AssetId, s => s.Error ?? "unhealthy after the change", StringComparer.Ordinal);
        var before = input.ProgressBefore;
        return new BatchCheckResult(failures, before with { Done = before.Done + input.Steps.Count - failures.Count, Failed = before.Failed + failures.Count });
    }

    private string? Rollback(RollbackAssetInput input)
    {
        RolledBack.Add(input.AssetId);
        Versions[input.AssetId] = input.ToVersion ?? From;
        return "sandbox";
    }
}

internal static class PlanExtensions
{
    public static PlannedRollout Violating(this PlannedRollout plan, params PolicyViolation[] violations) => plan with { Violations = violations };
}
