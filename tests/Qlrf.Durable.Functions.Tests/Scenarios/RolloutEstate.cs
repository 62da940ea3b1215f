using Qlrf.Approvals;
using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Rollouts;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Notifications;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Rollouts.Activities;

namespace Qlrf.Durable.Functions.Tests.Scenarios;

/// <summary>
/// The rollout orchestrator's activities, faked under their real names over an in-memory estate: assets move
/// between versions, those in <see cref="Unhealthy"/> fail their health check. Records what ran. Activities may run
/// concurrently on either engine, so every record is taken under a lock.
/// </summary>
public sealed class RolloutEstate
{
    public const string From = "1.0";
    public const string To = "2.0";

    private readonly Lock gate = new();
    private readonly List<string> applied = [];
    private readonly List<string> rolledBack = [];
    private readonly List<RolloutStatusChange> statuses = [];
    private readonly List<Approval> approvals = [];
    private readonly Dictionary<string, string> versions = new(StringComparer.Ordinal);

    public RolloutEstate(PlannedRollout plan)
    {
        Plan = plan;
        foreach (var id in plan.Stages.SelectMany(s => s.Batches).SelectMany(b => b))
        {
            versions[id] = From;
        }
    }

    public PlannedRollout Plan { get; }

    public HashSet<string> Unhealthy { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs (in the activity) when an asset is changed.</summary>
    public Func<string, Task>? OnApply { get; set; }

    public List<string> Applied => Snapshot(applied);

    public List<string> RolledBack => Snapshot(rolledBack);

    public List<RolloutStatusChange> Statuses => Snapshot(statuses);

    public List<Approval> Approvals => Snapshot(approvals);

    public Dictionary<string, string> Versions
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string>(versions, StringComparer.Ordinal);
            }
        }
    }

    public static PlannedRollout PlanOf(TimeSpan approvalTimeout, params string[][] stages) => new()
    {
        RolloutId = "ro-acme-" + Guid.NewGuid().ToString("N")[..8],
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
        ApprovalTimeout = approvalTimeout,
        ApplyAttempts = 1,
        ApplyRetryDelay = TimeSpan.FromSeconds(1),
    };

    public RolloutInput Input => new(Plan.Organisation, Plan.RolloutId);

    public void Register(OrchestrationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<RolloutOrchestrator>(nameof(RolloutOrchestrator))
            .AddActivity<RolloutInput, PlannedRollout>(nameof(PlanRolloutActivity), (_, _) => Task.FromResult(Plan))
            .AddActivity<RolloutStatusChange, bool>(nameof(SetRolloutStatusActivity), (_, change) => Record(statuses, change, true))
            .AddActivity<Notification, bool>(nameof(NotifyActivity), (_, _) => Task.FromResult(true))
            .AddActivity<Approval, Approval>(nameof(OpenApprovalActivity), (_, approval) => Record(approvals, approval, approval))
            .AddActivity<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), (_, r) =>
                Task.FromResult(new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null)))
            .AddActivity<ApplyImageInput, AssetChangeOutcome>(nameof(ApplyImageActivity), (_, input) => ApplyAsync(input))
            .AddActivity<BatchCheckInput, BatchCheckResult>(nameof(CheckBatchHealthActivity), (_, input) => Task.FromResult(Check(input)))
            .AddActivity<RollbackAssetInput, string?>(nameof(RollbackAssetActivity), (_, input) => Task.FromResult(Rollback(input)))
            .AddActivity<SweepSourcesInput, int>(nameof(SweepSourcesActivity), (_, input) => Task.FromResult(input.Sources.Count));
    }

    private async Task<AssetChangeOutcome> ApplyAsync(ApplyImageInput input)
    {
        string from;
        lock (gate)
        {
            applied.Add(input.AssetId);
            from = versions[input.AssetId];
            versions[input.AssetId] = input.Version;
        }

        if (OnApply is { } hook)
        {
            await hook(input.AssetId);
        }

        var at = TimeProvider.System.GetUtcNow();
        return new AssetChangeOutcome(input.AssetId, from != input.Version, from, input.Version, AssetHealth.Healthy, AssetState.Running, "sandbox", Platform.Aws, at, at);
    }

    private BatchCheckResult Check(BatchCheckInput input)
    {
        var failures = input.Steps
            .Where(s => s.Outcome is null || Unhealthy.Contains(s.AssetId))
            .ToDictionary(s => s.AssetId, s => s.Error ?? "unhealthy after the change", StringComparer.Ordinal);
        var before = input.ProgressBefore;
        return new BatchCheckResult(failures, before with { Done = before.Done + input.Steps.Count - failures.Count, Failed = before.Failed + failures.Count });
    }

    private string? Rollback(RollbackAssetInput input)
    {
        lock (gate)
        {
            rolledBack.Add(input.AssetId);
            versions[input.AssetId] = input.ToVersion ?? From;
        }

        return "sandbox";
    }

    private Task<TResult> Record<T, TResult>(List<T> list, T item, TResult result)
    {
        lock (gate)
        {
            list.Add(item);
        }

        return Task.FromResult(result);
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (gate)
        {
            return [.. list];
        }
    }
}
