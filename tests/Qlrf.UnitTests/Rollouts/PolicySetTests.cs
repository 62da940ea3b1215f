using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.UnitTests.Rollouts;

public sealed class PolicySetTests
{
    private static readonly DateTimeOffset Saturday3am = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private static readonly PolicySet Policies = new(1,
    [
        new RequireCanaryRule("prod-requires-canary", ["prod"]),
        new MaxBatchPercentRule("prod-max-batch", ["prod"], 10),
        new DrPairSeparationRule("dr-pair-separation"),
        new BlockCriticalCvesRule("critical-cves"),
        new MaintenanceWindowRule("prod-maintenance-window", ["prod"], [new WeeklyWindow([DayOfWeek.Saturday, DayOfWeek.Sunday], new TimeOnly(2, 0), new TimeOnly(6, 0))]),
        new FreezeWindowRule("year-end-freeze", new(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), [], "year-end trading"),
    ]);

    private static readonly RolloutTarget Target = new() { ImageFamily = "ubuntu-2204-base", ImageVersion = "2026.11.1" };

    private static PolicyContext Context(RolloutStrategy strategy, IReadOnlyList<PlannedAsset> assets, int criticalCves = 0, IReadOnlyCollection<string>? exceptions = null, DateTimeOffset? now = null) =>
        new(Target, strategy, RolloutPlanner.Plan(assets, strategy), assets.ToDictionary(a => a.Id), criticalCves, exceptions ?? [], null, now ?? Saturday3am);

    private static List<PlannedAsset> Prod(int count) =>
        Enumerable.Range(1, count).Select(i => new PlannedAsset($"p{i:D2}", "prod", "s", true, null, "1")).ToList();

    [Fact]
    public void A_careful_prod_rollout_in_its_window_passes() =>
        Assert.Empty(Policies.Evaluate(Context(new RolloutStrategy { CanaryCount = 1, BatchSize = 2 }, Prod(20))));

    [Fact]
    public void Every_broken_rule_is_reported_with_its_reason()
    {
        var assets = Prod(20);
        assets[0] = assets[0] with { DrPair = "db" };
        assets[1] = assets[1] with { DrPair = "db", Id = "p02" };
        var strategy = new RolloutStrategy { CanaryPercent = 0, BatchSize = 20, Waves = [100] };
        var tuesday = new DateTimeOffset(2026, 12, 22, 14, 0, 0, TimeSpan.Zero);

        var violations = Policies.Evaluate(new PolicyContext(Target, strategy, new RolloutPlan([new RolloutStage(1, false, [assets.Select(a => a.Id).ToList()])]), assets.ToDictionary(a => a.Id), 3, [], null, tuesday));

        Assert.Equal(
            ["prod-requires-canary", "prod-max-batch", "dr-pair-separation", "critical-cves", "prod-maintenance-window", "year-end-freeze"],
            violations.Select(v => v.RuleId));
        Assert.Contains("at most 10% of 20 (2)", violations[1].Reason, StringComparison.Ordinal);
        Assert.Contains("ubuntu-2204-base@2026.11.1 has 3 critical CVEs", violations[3].Reason, StringComparison.Ordinal);
        Assert.Contains("Sat/Sun 02:00-06:00 UTC", violations[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_exception_naming_the_target_lets_critical_CVEs_through()
    {
        var strategy = new RolloutStrategy { CanaryCount = 1, BatchSize = 1 };

        Assert.Single(Policies.Evaluate(Context(strategy, Prod(5), criticalCves: 1)));
        Assert.Empty(Policies.Evaluate(Context(strategy, Prod(5), criticalCves: 1, exceptions: ["ubuntu-2204-base@2026.11.1"])));
    }

    [Fact]
    public void Prod_only_rules_leave_a_dev_rollout_alone_at_any_hour()
    {
        var dev = Enumerable.Range(1, 10).Select(i => new PlannedAsset($"d{i}", "dev", "s", true, null, "1")).ToList();

        Assert.Empty(Policies.Evaluate(Context(new RolloutStrategy { CanaryPercent = 0, BatchSize = 10 }, dev, now: new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void A_recommended_batch_size_is_held_to_the_policy_so_a_default_plan_passes()
    {
        var assets = Prod(50).Concat(Enumerable.Range(1, 50).Select(i => new PlannedAsset($"d{i}", "dev", "s", true, null, "1"))).ToList();
        var risk = new RiskAssessment(40, RiskLevel.Medium, [], 10, TimeSpan.Zero);

        var largest = Policies.LargestBatchFor(assets);
        var strategy = new StrategyRequest { CanaryCount = 1 }.Resolve(risk, largest);

        Assert.Equal(5, largest);
        Assert.Equal(5, strategy.BatchSize);
        Assert.Empty(Policies.Evaluate(Context(strategy, assets)));
    }

    [Fact]
    public void A_requested_batch_size_is_not_capped_and_the_policy_names_it()
    {
        var risk = new RiskAssessment(40, RiskLevel.Medium, [], 10, TimeSpan.Zero);

        var strategy = new StrategyRequest { CanaryCount = 1, BatchSize = 10 }.Resolve(risk, Policies.LargestBatchFor(Prod(50)));

        Assert.Equal(10, strategy.BatchSize);
        Assert.Contains(Policies.Evaluate(Context(strategy, Prod(50))), v => v.RuleId == "prod-max-batch");
    }

    [Fact]
    public void Without_a_batch_rule_for_the_scope_the_recommendation_stands() =>
        Assert.Null(Policies.LargestBatchFor([new PlannedAsset("d1", "dev", "s", true, null, "1")]));

    [Theory]
    [InlineData("2026-11-21T23:30:00Z", true)]
    [InlineData("2026-11-22T01:59:00Z", true)]
    [InlineData("2026-11-22T02:00:00Z", false)]
    [InlineData("2026-11-21T21:59:00Z", false)]
    public void An_overnight_window_spans_midnight(string at, bool inside)
    {
        var window = new WeeklyWindow([DayOfWeek.Saturday], new TimeOnly(22, 0), new TimeOnly(2, 0));

        Assert.Equal(inside, window.Contains(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
