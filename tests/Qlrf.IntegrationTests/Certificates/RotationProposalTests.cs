using System.Net;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Workflows.Certificates;

namespace Qlrf.IntegrationTests.Certificates;

/// <summary>The sweep proposes a rotation of each certificate inside the window, once per version, awaiting approval.</summary>
public sealed class RotationProposalTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = CertificateHost.Create(directory, proposeWithinDays: 30);
        await host.WaitForCertificateAsync(CertificateHost.Shop);
        await host.WaitForCertificateAsync(CertificateHost.Stale);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task A_certificate_inside_the_window_gets_one_proposed_rotation_per_version_awaiting_approval()
    {
        List<CertificateRotation> proposed = [];
        await Eventually.TrueAsync(
            async () => (proposed = await host.GetJsonAsync<List<CertificateRotation>>($"/api/v1/certificates/{CertificateHost.Shop}/rotations")).Count > 0,
            TimeSpan.FromSeconds(60),
            "a proposed rotation of the shop certificate");
        var rotation = await host.WaitForRotationAsync(Assert.Single(proposed).Id, RotationStatus.AwaitingApproval);
        var certificate = (await host.GetJsonAsync<Qlrf.Api.Certificates.CertificateDetail>($"/api/v1/certificates/{CertificateHost.Shop}")).Certificate;
        Assert.Equal(RotationProposals.Requester, rotation.RequestedBy);
        Assert.Equal($"proposal:{CertificateHost.Shop}:{certificate.Thumbprint}", rotation.IdempotencyKey);
        Assert.Equal(certificate.Thumbprint, rotation.PreviousThumbprint);
        Assert.Equal(["prod"], rotation.Plan!.Environments);

        using var client = host.CreateClient();
        var swept = await client.SendAsync(HttpMethod.Post, "/api/v1/certificates/sources/sandbox/sweeps");
        Assert.Equal(HttpStatusCode.OK, swept.Status);

        Assert.Single(await host.GetJsonAsync<List<CertificateRotation>>($"/api/v1/certificates/{CertificateHost.Shop}/rotations"));
        Assert.Empty(await host.GetJsonAsync<List<CertificateRotation>>($"/api/v1/certificates/{CertificateHost.Stale}/rotations"));
    }
}
