using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;

namespace Qlrf.UnitTests.Images;

public sealed class LifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static ImageVersion Version(string version, params (Platform Platform, LifecycleStatus Status)[] releases) => new()
    {
        Organisation = "acme",
        Id = "ubuntu@" + version,
        Family = "ubuntu",
        Version = version,
        CreatedAt = T0,
        CreatedBy = "test",
        Releases = releases.Select(r => new PlatformRelease
        {
            Platform = r.Platform,
            Reference = "ref",
            Status = r.Status,
            ReleasedAt = r.Status >= LifecycleStatus.Production ? T0 : null,
            PromotedAt = r.Status == LifecycleStatus.Production ? T0 : null,
        }).ToList(),
    };

    private static TransitionRequest Request(string id, LifecycleStatus to, bool rollback = false, string reason = "CAB-1", params Platform[] platforms) => new()
    {
        VersionId = id,
        To = to,
        Platforms = platforms,
        Reason = reason,
        Rollback = rollback,
        Actor = "jo@acme.example",
        At = T0.AddDays(1),
    };

    private static List<ImageVersion> Apply(List<ImageVersion> versions, LifecyclePlan plan) =>
        versions.Select(v => plan.Changed.FirstOrDefault(c => c.Id == v.Id) ?? v).ToList();

    [Fact]
    public void Promotion_supersedes_the_production_version_and_records_who_when_and_why()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Production)), Version("2.0", (Platform.Aws, LifecycleStatus.Testing))];

        var plan = Lifecycle.Plan(family, Request("ubuntu@2.0", LifecycleStatus.Production));

        var after = Apply(family, plan);
        Assert.Equal(LifecycleStatus.Production, after[1].On(Platform.Aws)!.Status);
        Assert.Equal(LifecycleStatus.Deprecated, after[0].On(Platform.Aws)!.Status);
        Assert.Equal(T0.AddDays(1), after[1].On(Platform.Aws)!.PromotedAt);
        var requested = plan.Transitions[0];
        Assert.Equal(("ubuntu@2.0", LifecycleStatus.Testing, LifecycleStatus.Production, "jo@acme.example", "CAB-1", TransitionCause.Requested),
            (requested.VersionId, requested.From, requested.To, requested.Actor, requested.Reason, requested.Cause));
        Assert.Equal(TransitionCause.Superseded, plan.Transitions[1].Cause);
        Assert.Equal("superseded by 2.0", plan.Transitions[1].Reason);
    }

    [Fact]
    public void Exactly_one_version_is_production_per_platform_and_platforms_move_independently()
    {
        List<ImageVersion> family =
        [
            Version("1.0", (Platform.Aws, LifecycleStatus.Production), (Platform.Gcp, LifecycleStatus.Production)),
            Version("2.0", (Platform.Aws, LifecycleStatus.Testing), (Platform.Gcp, LifecycleStatus.Testing)),
        ];

        var after = Apply(family, Lifecycle.Plan(family, Request("ubuntu@2.0", LifecycleStatus.Production, platforms: Platform.Aws)));

        Assert.Equal(["2.0"], after.Where(v => v.On(Platform.Aws)!.Status == LifecycleStatus.Production).Select(v => v.Version));
        Assert.Equal(["1.0"], after.Where(v => v.On(Platform.Gcp)!.Status == LifecycleStatus.Production).Select(v => v.Version));
    }

    [Fact]
    public void A_release_moves_through_every_stage_one_at_a_time()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Draft))];

        foreach (var to in new[] { LifecycleStatus.Testing, LifecycleStatus.Production, LifecycleStatus.Deprecated, LifecycleStatus.Retired })
        {
            var plan = Lifecycle.Plan(family, Request("ubuntu@1.0", to));
            family = Apply(family, plan);
            Assert.Equal(to, family[0].On(Platform.Aws)!.Status);
            Assert.Equal(to - 1, Assert.Single(plan.Transitions).From);
        }
    }

    [Theory]
    [InlineData(LifecycleStatus.Draft, LifecycleStatus.Production, "testing", "draft → production skips testing", "")]
    [InlineData(LifecycleStatus.Draft, LifecycleStatus.Retired, "testing", "draft → retired skips testing, production, deprecated", "")]
    [InlineData(LifecycleStatus.Testing, LifecycleStatus.Deprecated, "production", "testing → deprecated skips production", "draft")]
    [InlineData(LifecycleStatus.Production, LifecycleStatus.Retired, "deprecated", "production → retired skips deprecated", "draft testing")]
    public void A_forward_move_that_skips_a_stage_is_a_conflict_naming_the_allowed_next_states(LifecycleStatus from, LifecycleStatus to, string next, string skipped, string rollbackStates)
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, from)), Version("0.9", (Platform.Aws, LifecycleStatus.Production))];

        var ex = Assert.Throws<ConflictException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", to)));

        Assert.Contains(skipped, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"The allowed next state is {next}", ex.Message, StringComparison.Ordinal);
        Assert.Equal([next], ex.Extensions["allowedNextStates"] as IEnumerable<string>);
        Assert.Equal(rollbackStates.Split(' ', StringSplitOptions.RemoveEmptyEntries), ex.Extensions["rollbackStates"] as IEnumerable<string>);
        Assert.Equal(("aws", Lifecycle.Text(from)), (ex.Extensions["platform"], ex.Extensions["currentState"]));
    }

    [Fact]
    public void A_move_of_several_platforms_is_refused_whole_when_one_would_skip_a_stage()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Testing), (Platform.Gcp, LifecycleStatus.Draft))];

        var ex = Assert.Throws<ConflictException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production)));

        Assert.Contains("is draft on gcp", ex.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleStatus.Production, Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production, platforms: Platform.Aws)).Transitions[0].To);
    }

    [Fact]
    public void A_rollback_may_move_back_several_stages()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Retired))];

        var plan = Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Testing, rollback: true, reason: "needed for a hotfix rebuild"));

        Assert.Equal((LifecycleStatus.Retired, LifecycleStatus.Testing, true), (plan.Transitions[0].From, plan.Transitions[0].To, plan.Transitions[0].Rollback));
    }

    [Fact]
    public void Status_does_not_move_backward_without_a_rollback()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Production))];

        var ex = Assert.Throws<ConflictException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Testing)));

        Assert.Contains("only moves forward", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The allowed next state is deprecated; with rollback=true, draft or testing.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollback_needs_a_reason_and_must_move_backward()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Testing))];

        Assert.Equal("reason", Assert.Throws<RequestValidationException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Draft, rollback: true, reason: " "))).Field);
        Assert.Equal("rollback", Assert.Throws<RequestValidationException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production, rollback: true))).Field);
    }

    [Fact]
    public void Rolling_back_the_production_version_restores_the_previous_one()
    {
        List<ImageVersion> family =
        [
            Version("1.0", (Platform.Aws, LifecycleStatus.Deprecated)),
            Version("1.5", (Platform.Aws, LifecycleStatus.Deprecated)),
            Version("2.0", (Platform.Aws, LifecycleStatus.Production)),
        ];

        var plan = Lifecycle.Plan(family, Request("ubuntu@2.0", LifecycleStatus.Testing, rollback: true, reason: "kernel panic on m7i"));

        var after = Apply(family, plan);
        Assert.Equal(LifecycleStatus.Testing, after[2].On(Platform.Aws)!.Status);
        Assert.Equal(LifecycleStatus.Production, after[1].On(Platform.Aws)!.Status);
        Assert.Equal(LifecycleStatus.Deprecated, after[0].On(Platform.Aws)!.Status);
        Assert.All(plan.Transitions, t => Assert.True(t.Rollback));
        Assert.Equal(TransitionCause.Restored, plan.Transitions[1].Cause);
        Assert.Contains("kernel panic on m7i", plan.Transitions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Restoring_a_deprecated_version_by_rollback_returns_the_incumbent_to_testing()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Deprecated)), Version("2.0", (Platform.Aws, LifecycleStatus.Production))];

        var after = Apply(family, Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production, rollback: true, reason: "2.0 breaks TLS")));

        Assert.Equal((LifecycleStatus.Production, LifecycleStatus.Testing), (after[0].On(Platform.Aws)!.Status, after[1].On(Platform.Aws)!.Status));
    }

    [Fact]
    public void A_repeated_request_changes_nothing()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Production))];

        Assert.True(Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production)).IsEmpty);
    }

    [Fact]
    public void A_platform_the_version_is_not_on_is_refused()
    {
        List<ImageVersion> family = [Version("1.0", (Platform.Aws, LifecycleStatus.Testing))];

        var ex = Assert.Throws<RequestValidationException>(() => Lifecycle.Plan(family, Request("ubuntu@1.0", LifecycleStatus.Production, platforms: Platform.Azure)));

        Assert.Equal("platforms", ex.Field);
    }
}
