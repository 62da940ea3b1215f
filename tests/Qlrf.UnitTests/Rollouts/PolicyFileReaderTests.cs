using Qlrf.Workflows.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.UnitTests.Rollouts;

public sealed class PolicyFileReaderTests
{
    private static string Shipped()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "policies", "rollout-policies.yaml")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "policies", "rollout-policies.yaml");
    }

    [Fact]
    public void The_shipped_policies_hold_every_required_rule()
    {
        var policies = PolicyFileReader.Read(Shipped());

        Assert.True(policies.Version >= 1);
        Assert.Contains(policies.Rules, r => r is RequireCanaryRule { Environments: ["prod"] });
        Assert.Contains(policies.Rules, r => r is MaxBatchPercentRule { Environments: ["prod"] });
        Assert.Contains(policies.Rules, r => r is DrPairSeparationRule);
        Assert.Contains(policies.Rules, r => r is BlockCriticalCvesRule);
        Assert.Contains(policies.Rules, r => r is MaintenanceWindowRule);
        Assert.Contains(policies.Rules, r => r is FreezeWindowRule);
    }

    [Theory]
    [InlineData("version: 1\nrules:\n  - id: a\n    kind: teleport\n", 4, "rules[0].kind", "not a rule kind")]
    [InlineData("version: 1\nrules:\n  - id: a\n    kind: max_batch_percent\n    maxPercent: 150\n", 5, "rules[0].maxPercent", "percentage")]
    [InlineData("version: 1\nrules:\n  - id: a\n    kind: dr_pair_separation\n  - id: a\n    kind: dr_pair_separation\n", 5, "rules[1].id", "used twice")]
    [InlineData("version: one\nrules: []\n", 1, "version", "whole number")]
    [InlineData("version: 1\nrules:\n  - id: w\n    kind: maintenance_window\n    windows:\n      - { days: [someday], start: \"01:00\", end: \"02:00\" }\n", 6, "rules[0].windows[0].days", "not a day")]
    [InlineData("version: 1\nrules:\n  - id: f\n    kind: freeze_window\n    from: soon\n    to: 2027-01-01T00:00:00Z\n", 5, "rules[0].from", "date and time")]
    public void A_bad_policy_file_names_line_and_field(string yaml, int line, string field, string problem)
    {
        var ex = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Parse(new StringReader(yaml), "p.yaml"));

        Assert.Equal((line, field), (ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
