using Qlrf.Certificates;
using Qlrf.Workflows.Certificates;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

public sealed class RotationProposalRulesTests
{
    private static readonly HashSet<string> Issuers = [CertificateStoreKinds.Sandbox];

    [Theory]
    [InlineData(29.9, 30, true)]
    [InlineData(30.1, 30, false)]
    [InlineData(-2, 30, true)]
    [InlineData(5, 0, false)]
    public void A_certificate_is_due_inside_the_window_and_never_when_proposals_are_off(double daysLeft, int window, bool due) =>
        Assert.Equal(due, RotationProposals.Due(Cert(daysLeft: daysLeft), T0, window, Issuers));

    [Fact]
    public void Endpoint_scans_disabled_certificates_and_stores_without_an_issuer_are_never_due()
    {
        Assert.False(RotationProposals.Due(Cert(daysLeft: 3) with { StoreKind = CertificateStoreKinds.TlsEndpoint }, T0, 30, new HashSet<string> { CertificateStoreKinds.TlsEndpoint }));
        Assert.False(RotationProposals.Due(Cert(daysLeft: 3) with { Enabled = false }, T0, 30, Issuers));
        Assert.False(RotationProposals.Due(Cert(daysLeft: 3) with { StoreKind = CertificateStoreKinds.Kubernetes }, T0, 30, Issuers));
    }

    [Fact]
    public void The_proposal_key_names_the_version_so_a_new_version_gets_a_new_proposal()
    {
        Assert.Equal("proposal:sandbox:web:AA11", RotationProposals.Key(Cert()));
        Assert.NotEqual(RotationProposals.Key(Cert()), RotationProposals.Key(Cert(thumbprint: "BB22")));
    }
}
