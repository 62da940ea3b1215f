using Qlrf.Certificates;
using Qlrf.Rollouts;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

public sealed class RotationPlannerTests
{
    private static CertificateUsage Endpoint(string target, string environment) => new("sandbox:web", UsageKind.Endpoint, target, environment, "thumbprint");

    [Fact]
    public void Waves_go_from_the_least_critical_environment_and_leave_out_assets_that_only_follow()
    {
        var usages = new[]
        {
            Endpoint("p1:443", "prod"), Endpoint("d1:443", "dev"), Endpoint("s1:443", "staging"),
            new CertificateUsage("sandbox:web", UsageKind.Asset, "vm-1", "prod", "behind:p1:443", Deployable: false),
        };

        var plan = RotationPlanner.Plan(Cert(), new RotationRequest("sandbox:web", "alice"), usages, totalUsages: 4, (0, 0), new RotationPolicy());

        Assert.Equal(["d1:443", "s1:443", "p1:443"], plan.Waves.SelectMany(w => w).Select(u => u.Target));
        Assert.All(plan.Waves, w => Assert.True(w.Count <= plan.Risk.RecommendedBatchSize));
        Assert.Equal(4, plan.BlastRadius.Usages.Count);
        Assert.Equal(90, plan.NewVersion.ValidityDays);
        Assert.Equal(["web.example.test"], plan.NewVersion.SubjectAlternativeNames);
        Assert.False(plan.AutoApproved);
    }

    [Fact]
    public void A_wide_production_blast_radius_with_failed_rotations_needs_the_high_risk_quorum()
    {
        var usages = Enumerable.Range(0, 600).Select(i => Endpoint($"p{i}:443", "prod")).ToList();
        var risky = RotationPlanner.Plan(Cert(), new RotationRequest("sandbox:web", "alice"), usages, 600, (4, 4), new RotationPolicy { HighRiskApprovers = 3 });
        var calm = RotationPlanner.Plan(Cert(environment: "dev"), new RotationRequest("sandbox:web", "alice"), [Endpoint("d1:443", "dev")], 600, (0, 0), new RotationPolicy { HighRiskApprovers = 3 });

        Assert.True(risky.Risk.Level >= RiskLevel.High, $"score {risky.Risk.Score}");
        Assert.Equal(3, risky.RequiredApprovals);
        Assert.Equal(RiskLevel.Low, calm.Risk.Level);
        Assert.Equal(1, calm.RequiredApprovals);
    }

    [Fact]
    public void Unattended_only_when_every_environment_allows_it()
    {
        var policy = new RotationPolicy { UnattendedEnvironments = ["dev"] };

        Assert.True(RotationPlanner.Plan(Cert(environment: "dev"), new RotationRequest("sandbox:web", "a"), [Endpoint("d1:443", "dev")], 1, (0, 0), policy).AutoApproved);
        Assert.False(RotationPlanner.Plan(Cert(environment: "dev"), new RotationRequest("sandbox:web", "a"), [Endpoint("d1:443", "dev"), Endpoint("p1:443", "prod")], 2, (0, 0), policy).AutoApproved);
    }

    [Fact]
    public void An_out_of_range_validity_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RotationPlanner.Plan(Cert(), new RotationRequest("sandbox:web", "a", ValidityDays: 0), [], 0, (0, 0), new RotationPolicy()));

    [Fact]
    public void Validation_fails_on_another_thumbprint_an_invalid_chain_or_an_expired_certificate()
    {
        var good = new TlsProbeResult { Target = new TlsTarget("127.0.0.1", 8443), Thumbprint = "BB22", ChainValid = true, NotAfter = T0.AddDays(90) };

        Assert.Null(RotationValidation.Failure(good, "bb22", T0));
        Assert.Contains("expected BB22", RotationValidation.Failure(good with { Thumbprint = "AA11" }, "BB22", T0), StringComparison.Ordinal);
        Assert.Contains("chain", RotationValidation.Failure(good with { ChainValid = false }, "BB22", T0), StringComparison.Ordinal);
        Assert.Contains("expired", RotationValidation.Failure(good with { NotAfter = T0 }, "BB22", T0), StringComparison.Ordinal);
        Assert.Contains("handshake failed", RotationValidation.Failure(new TlsProbeResult { Target = good.Target, Error = "refused" }, "BB22", T0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8443", "127.0.0.1", 8443, "127.0.0.1")]
    [InlineData("127.0.0.1:8443@web.example.test", "127.0.0.1", 8443, "web.example.test")]
    public void Targets_parse_with_an_optional_sni(string text, string host, int port, string sni)
    {
        var target = TlsTarget.Parse(text);

        Assert.Equal((host, port, sni), (target.Host, target.Port, target.Sni));
        Assert.Equal(text, target.ToString());
    }
}
