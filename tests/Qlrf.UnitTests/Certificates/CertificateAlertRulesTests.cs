using Qlrf.Certificates;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

public sealed class CertificateAlertRulesTests
{
    private static readonly int[] Thresholds = [30, 7, 0];

    [Fact]
    public void No_alert_before_the_widest_threshold() =>
        Assert.Null(CertificateAlertRules.Due(Cert(daysLeft: 31), T0, Thresholds, new HashSet<string>()));

    [Fact]
    public void A_certificate_first_seen_close_to_expiry_raises_only_the_tightest_threshold()
    {
        var alert = CertificateAlertRules.Due(Cert(daysLeft: 5), T0, Thresholds, new HashSet<string>());

        Assert.Equal(7, alert!.ThresholdDays);
        Assert.Equal("sandbox:web~AA11~7", alert.Id);
    }

    [Fact]
    public void Each_threshold_is_raised_once_per_version()
    {
        var raised = new HashSet<string>();
        var first = CertificateAlertRules.Due(Cert(daysLeft: 20), T0, Thresholds, raised)!;
        raised.Add(first.Id);

        Assert.Null(CertificateAlertRules.Due(Cert(daysLeft: 19), T0, Thresholds, raised));
        var next = CertificateAlertRules.Due(Cert(daysLeft: 6), T0, Thresholds, raised)!;
        Assert.Equal(7, next.ThresholdDays);
        raised.Add(next.Id);
        Assert.Equal(0, CertificateAlertRules.Due(Cert(daysLeft: -1), T0, Thresholds, raised)!.ThresholdDays);
    }

    [Fact]
    public void A_new_version_starts_its_thresholds_afresh()
    {
        var raised = new HashSet<string> { CertificateAlert.IdOf("sandbox:web", "AA11", 7) };

        Assert.Null(CertificateAlertRules.Due(Cert(daysLeft: 5), T0, Thresholds, raised));
        Assert.NotNull(CertificateAlertRules.Due(Cert(daysLeft: 5, thumbprint: "BB22"), T0, Thresholds, raised));
    }

    [Fact]
    public void Acknowledging_twice_is_refused()
    {
        var alert = CertificateAlertRules.Due(Cert(daysLeft: 5), T0, Thresholds, new HashSet<string>())!;
        var (acknowledged, refusal) = CertificateAlertRules.Acknowledge(alert, "bob", " renewing ", T0.AddHours(1));

        Assert.Null(refusal);
        Assert.Equal(("bob", "renewing"), (acknowledged!.AcknowledgedBy, acknowledged.Comment));
        Assert.NotNull(CertificateAlertRules.Acknowledge(acknowledged, "carol", null, T0.AddHours(2)).Refusal);
    }
}
