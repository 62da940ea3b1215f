using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.UnitTests.Rollouts.Orchestration;

public sealed class HealthGateTests
{
    [Theory]
    [InlineData(0, 20, 10, false)]
    [InlineData(2, 20, 10, false)]
    [InlineData(3, 20, 10, true)]
    [InlineData(1, 1, 10, true)]
    [InlineData(1, 100, 0, true)]
    [InlineData(5, 5, 100, false)]
    public void A_gate_breaks_once_failures_exceed_its_share_of_the_whole_stage(int failed, int stage, double maxPercent, bool breached) =>
        Assert.Equal(breached, HealthGateRules.Breached(failed, stage, maxPercent));

    [Fact]
    public async Task A_wave_within_its_gate_goes_on_and_one_past_it_rolls_back()
    {
        var wave = Enumerable.Range(1, 20).Select(i => $"w{i:D2}").ToArray();
        var within = new RolloutScenario(RolloutScenario.PlanOf(["c1"], wave) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Low });
        within.Unhealthy.UnionWith(["w01", "w02"]);
        Assert.Equal(RolloutStatus.Completed, (await within.StartAsync()).Status);
        Assert.Empty(within.RolledBack);

        var past = new RolloutScenario(RolloutScenario.PlanOf(["c1"], wave) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Low });
        past.Unhealthy.UnionWith(["w01", "w02", "w03"]);
        var outcome = await past.StartAsync();
        Assert.Equal(RolloutStatus.RolledBack, outcome.Status);
        Assert.Equal(["w04", "w03", "w02", "w01", "c1"], past.RolledBack);
        Assert.DoesNotContain("w05", past.Applied);
    }

    [Theory]
    [InlineData(AssetHealth.Healthy, AssetHealth.Unhealthy, "2.0", null)]
    [InlineData(AssetHealth.Degraded, AssetHealth.Degraded, "2.0", null)]
    [InlineData(AssetHealth.Healthy, AssetHealth.Degraded, "2.0", "degraded after the change (was healthy).")]
    [InlineData(AssetHealth.Healthy, AssetHealth.Healthy, "1.0", "reports version 1.0, not 2.0.")]
    public void The_check_fails_an_asset_the_change_made_worse_or_that_misses_the_target(AssetHealth before, AssetHealth after, string version, string? expected)
    {
        var report = new AssetHealthReport("a", after, AssetState.Running, version, null);
        string[] checks = before == AssetHealth.Healthy && after == AssetHealth.Unhealthy ? ["version", "state"] : ["version", "health", "state"];

        Assert.Equal(expected, HealthGateRules.Judge(report, before, AssetState.Running, "2.0", checks));
    }

    [Fact]
    public void A_stopped_asset_fails_the_state_check_only_when_it_ran_before()
    {
        var stopped = new AssetHealthReport("a", AssetHealth.Unknown, AssetState.Stopped, "2.0", null);

        Assert.Equal("stopped after the change (was running).", HealthGateRules.Judge(stopped, AssetHealth.Healthy, AssetState.Running, "2.0", ["state"]));
        Assert.Null(HealthGateRules.Judge(stopped, AssetHealth.Unknown, AssetState.Stopped, "2.0", ["state", "health"]));
    }
}
