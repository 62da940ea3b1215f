using Qlrf.Dr;
using Qlrf.Inventory;

namespace Qlrf.UnitTests.Dr;

public sealed class DrPairRulesTests
{
    private static DrPair Pair => DrillPlatformFake.Pair();

    private static string Fields(DrPair pair) => string.Join(",", DrPairRules.Validate(pair).Select(p => p.Field));

    [Fact]
    public void A_complete_pair_is_valid() => Assert.Empty(DrPairRules.Validate(Pair));

    [Fact]
    public void Each_problem_names_its_field()
    {
        Assert.Equal("id", Fields(Pair with { Id = "Orders DB" }));
        Assert.Equal("recoverySite", Fields(Pair with { RecoverySite = "site-a" }));
        Assert.Equal("workloads", Fields(Pair with { Workloads = new DrWorkloads() }));
        Assert.Equal("rtoTargetSeconds", Fields(Pair with { RtoTarget = TimeSpan.Zero }));
        Assert.Equal("rpoTargetSeconds", Fields(Pair with { RpoTarget = TimeSpan.FromDays(8) }));
        Assert.Equal("environment", Fields(Pair with { Environment = "" }));
        Assert.Equal("policy.maxDrillAgeDays", Fields(Pair with { Policy = new DrPairPolicy(MaxDrillAge: TimeSpan.FromSeconds(1)) }));
        Assert.Equal("schedule.cron", Fields(Pair with { Schedule = new DrSchedule("every month") }));
        Assert.Equal("schedule.cron", Fields(Pair with { Schedule = new DrSchedule("0 0 0 31 2 *") }));
    }

    [Fact]
    public void A_pair_protects_the_named_or_tagged_assets_at_its_primary_site_in_its_environment()
    {
        var pair = Pair with { Workloads = new DrWorkloads { AssetIds = ["named"], Tags = new Dictionary<string, string> { ["dr-group"] = "orders" } } };
        Asset At(string id, string site, string environment, string? group) => new()
        {
            Id = id, Name = id, Platform = Platform.Aws, Site = site, Environment = environment,
            Tags = group is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["dr-group"] = group },
        };

        Assert.True(DrPairRules.Protects(pair, At("named", "site-a", "prod", null)));
        Assert.True(DrPairRules.Protects(pair, At("tagged", "site-a", "prod", "orders")));
        Assert.False(DrPairRules.Protects(pair, At("tagged", "site-b", "prod", "orders")));
        Assert.False(DrPairRules.Protects(pair, At("tagged", "site-a", "dev", "orders")));
        Assert.False(DrPairRules.Protects(pair, At("other", "site-a", "prod", "billing")));
    }

    [Fact]
    public void The_next_scheduled_drill_follows_the_cron_schedule()
    {
        var monthly = Pair with { Schedule = new DrSchedule("0 0 3 1 * *") };

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), DrPairRules.NextDrillAt(monthly, new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)));
        Assert.Null(DrPairRules.NextDrillAt(Pair, DateTimeOffset.UnixEpoch));
    }
}
