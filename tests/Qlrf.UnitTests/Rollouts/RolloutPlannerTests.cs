using Qlrf.Rollouts;

namespace Qlrf.UnitTests.Rollouts;

public sealed class RolloutPlannerTests
{
    private static List<PlannedAsset> Fleet(int prod, int staging, int dev) =>
        Enumerable.Range(1, prod).Select(i => new PlannedAsset($"prod-{i:D3}", "prod", "s1", true, null, "1"))
            .Concat(Enumerable.Range(1, staging).Select(i => new PlannedAsset($"stg-{i:D3}", "staging", "s1", true, null, "1")))
            .Concat(Enumerable.Range(1, dev).Select(i => new PlannedAsset($"dev-{i:D3}", "dev", "s1", true, null, "1")))
            .ToList();

    [Fact]
    public void Every_asset_is_planned_exactly_once_in_canary_then_cumulative_waves()
    {
        var plan = RolloutPlanner.Plan(Fleet(60, 30, 10), new RolloutStrategy { CanaryCount = 2, BatchSize = 10 });

        Assert.Equal(100, plan.AssetCount);
        Assert.Equal(100, plan.AssetIds.Distinct().Count());
        Assert.Equal(["canary", "wave 1", "wave 2", "wave 3", "wave 4"], plan.Stages.Select(s => s.Name));
        // Cumulative 5%, 25%, 50%, 100% of 100 assets, with the canary's 2 counted in the first wave.
        Assert.Equal([2, 3, 20, 25, 50], plan.Stages.Select(s => s.AssetCount));
        Assert.All(plan.Stages.SelectMany(s => s.Batches), b => Assert.InRange(b.Count, 1, 10));
    }

    [Fact]
    public void The_canary_and_early_waves_take_non_prod_and_healthy_assets_first()
    {
        var fleet = Fleet(5, 0, 5);
        fleet[5] = fleet[5] with { Healthy = false };

        var plan = RolloutPlanner.Plan(fleet, new RolloutStrategy { CanaryCount = 3, Waves = [50, 100] });

        Assert.Equal(["dev-002", "dev-003", "dev-004"], plan.Canary!.Batches.SelectMany(b => b));
        Assert.Equal(["dev-005", "dev-001"], plan.Stages[1].Batches.SelectMany(b => b));
        Assert.All(plan.Stages[2].Batches.SelectMany(b => b), id => Assert.StartsWith("prod-", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Both_members_of_a_DR_pair_never_share_the_canary_or_a_wave()
    {
        var fleet = new List<PlannedAsset>
        {
            new("db-a", "prod", "london", true, "orders-db", "1"),
            new("db-b", "prod", "frankfurt", true, "orders-db", "1"),
            new("web-1", "prod", "london", true, null, "1"),
            new("web-2", "prod", "london", true, null, "1"),
        };

        var plan = RolloutPlanner.Plan(fleet, new RolloutStrategy { CanaryCount = 2, Waves = [100] });

        Assert.All(plan.Stages, s => Assert.True(s.Batches.SelectMany(b => b).Count(id => id.StartsWith("db-", StringComparison.Ordinal)) <= 1, s.Name));
        Assert.Equal(4, plan.AssetIds.Count());
    }

    [Fact]
    public void No_canary_when_asked_for_none_and_an_empty_scope_plans_nothing()
    {
        Assert.Null(RolloutPlanner.Plan(Fleet(3, 0, 0), new RolloutStrategy { CanaryPercent = 0 }).Canary);
        Assert.Empty(RolloutPlanner.Plan([], new RolloutStrategy()).Stages);
    }
}
