using Qlrf.Compliance;
using Qlrf.Compliance.Engine;
using Qlrf.Compliance.Frameworks;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Controls scored from their checks' objects: manual stays manual, no evidence is manual, never passing.</summary>
public sealed class ControlScorerTests
{
    private static readonly Framework Framework = ComplianceFixtures.Parse("""
        id: fw
        version: "1"
        title: FW
        controls:
          - id: golden
            title: Golden
            checks:
              - check: asset-golden-image
          - id: mostly
            title: Mostly golden
            checks:
              - check: asset-golden-image
            minPassPercent: 60
          - id: recovery
            title: Recovery
            checks:
              - check: dr-drill-recent
            manual: the recovery test records
          - id: policy
            title: Policy
            manual: the written policy
        """);

    private static CheckObjectResult Asset(string id, bool passed, string env) => new("asset", id, passed, passed ? "runs production" : "runs an old version") { Environment = env, Site = "eu" };

    private static FrameworkResult Score(IReadOnlyList<CheckObjectResult> assets, IReadOnlyList<CheckObjectResult>? pairs = null, params string[] environments) =>
        ControlScorer.Score(
            Framework,
            u => u.CheckId == "asset-golden-image" ? assets : pairs ?? [],
            environments,
            id => ComplianceFixtures.ChecksById()[id].ObjectKind,
            ComplianceFixtures.Now);

    [Fact]
    public void A_control_passes_when_every_object_passes_and_fails_with_each_failing_object_and_its_reason()
    {
        var result = Score([Asset("a1", true, "prod"), Asset("a2", true, "prod"), Asset("a3", false, "dev")]);

        var golden = result.Controls.Single(c => c.ControlId == "golden");
        Assert.Equal((ControlOutcome.Failing, 2, 1), (golden.Outcome, golden.Passed, golden.Failed));
        var failure = Assert.Single(golden.Failures);
        Assert.Equal(new ControlFailure("asset", "a3", "asset-golden-image", "runs an old version") { Environment = "dev", Site = "eu" }, failure);
        Assert.Equal(ControlOutcome.Passing, result.Controls.Single(c => c.ControlId == "mostly").Outcome);
    }

    [Fact]
    public void A_control_without_any_object_is_manual_with_what_to_provide_and_a_manual_control_is_never_scored()
    {
        var result = Score([Asset("a1", true, "prod")]);

        var recovery = result.Controls.Single(c => c.ControlId == "recovery");
        Assert.Equal((ControlOutcome.Manual, 0, 0), (recovery.Outcome, recovery.Passed, recovery.Failed));
        Assert.Contains("no dr-pair", recovery.ManualEvidence, StringComparison.Ordinal);
        Assert.Contains("the recovery test records", recovery.ManualEvidence, StringComparison.Ordinal);
        var policy = result.Controls.Single(c => c.ControlId == "policy");
        Assert.Equal((ControlOutcome.Manual, "the written policy"), (policy.Outcome, policy.ManualEvidence));
        Assert.Equal((2, 0, 2, 100.0), (result.Passing, result.Failing, result.Manual, result.Score));
    }

    [Fact]
    public void Nothing_evidenced_scores_zero_not_full_marks()
    {
        var result = Score([]);

        Assert.Equal((0, 0, 4, 0.0), (result.Passing, result.Failing, result.Manual, result.Score));
    }

    [Fact]
    public void Narrowed_to_environments_only_their_objects_count_and_objects_without_one_always_do()
    {
        var pairs = new List<CheckObjectResult> { new("dr-pair", "p1", false, "never drilled") };

        var prod = Score([Asset("a1", true, "prod"), Asset("a3", false, "dev")], pairs, "prod");

        Assert.Equal(ControlOutcome.Passing, prod.Controls.Single(c => c.ControlId == "golden").Outcome);
        Assert.Equal(ControlOutcome.Failing, prod.Controls.Single(c => c.ControlId == "recovery").Outcome);
        var staging = Score([Asset("a1", true, "prod")], [], "staging");
        Assert.Equal(ControlOutcome.Manual, staging.Controls.Single(c => c.ControlId == "golden").Outcome);
    }
}
