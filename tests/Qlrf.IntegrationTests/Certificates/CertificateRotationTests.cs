using System.Net;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Certificates;

/// <summary>Rotations through the real host on the sandbox: approved through the API, deployed, checked by a handshake of the test's own.</summary>
public sealed class CertificateRotationTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = CertificateHost.Create(directory);
        await host.WaitForCertificateAsync(CertificateHost.Shop);
        await host.WaitForCertificateAsync(CertificateHost.Stale);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task An_approved_rotation_ends_with_the_endpoint_serving_the_new_certificate()
    {
        var endpoint = await host.EndpointOfAsync(CertificateHost.Shop);
        var old = await CertificateHost.ServedThumbprintAsync(endpoint);
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var started = await alice.SendAsync(HttpMethod.Post, $"/api/v1/certificates/{CertificateHost.Shop}/rotations", """{"validityDays":90,"reason":"expires in 5 days"}""");
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body);
        var id = started.Json<CertificateRotation>().Id;

        var waiting = await host.WaitForRotationAsync(id, RotationStatus.AwaitingApproval);
        Assert.Equal(["prod"], waiting.Plan!.Environments);
        Assert.Equal(1, waiting.Plan.RequiredApprovals);
        var self = await alice.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{id}/approve", """{"comment":"mine"}""");
        Assert.Equal(HttpStatusCode.Forbidden, self.Status);
        Assert.Equal(old, await CertificateHost.ServedThumbprintAsync(endpoint));

        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        var approved = await bob.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{id}/approve", """{"comment":"checked the blast radius"}""");
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body);

        var done = await host.WaitForRotationAsync(id, RotationStatus.Succeeded, RotationStatus.RolledBack, RotationStatus.Failed);
        Assert.True(done.Status == RotationStatus.Succeeded, done.Error);
        var served = await CertificateHost.ServedThumbprintAsync(endpoint);
        Assert.Equal(done.NewThumbprint, served);
        Assert.NotEqual(old, served);
        Assert.Contains(done.Steps, s => s is { Action: "validated", Succeeded: true } && s.Target == endpoint);

        var inventory = await host.GetJsonAsync<Qlrf.Api.Certificates.CertificateDetail>($"/api/v1/certificates/{CertificateHost.Shop}");
        Assert.Equal(served, inventory.Certificate.Thumbprint);
        Assert.Equal(Qlrf.Certificates.ExpiryBucket.Within90Days, inventory.Bucket);
        Assert.Equal(id, Assert.Single(await host.GetJsonAsync<List<CertificateRotation>>($"/api/v1/certificates/{CertificateHost.Shop}/rotations")).Id);
    }

    [Fact]
    public async Task A_rotation_whose_validation_fails_is_rolled_back_and_the_old_certificate_stays_served()
    {
        var endpoint = await host.EndpointOfAsync(CertificateHost.Stale);
        var old = await CertificateHost.ServedThumbprintAsync(endpoint);
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = (await alice.SendAsync(HttpMethod.Post, $"/api/v1/certificates/{CertificateHost.Stale}/rotations", "{}")).Json<CertificateRotation>().Id;
        await host.WaitForRotationAsync(id, RotationStatus.AwaitingApproval);
        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await bob.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{id}/approve", """{"comment":"ok"}""")).Status);

        var done = await host.WaitForRotationAsync(id, RotationStatus.Succeeded, RotationStatus.RolledBack, RotationStatus.Failed);

        Assert.Equal(RotationStatus.RolledBack, done.Status);
        Assert.Contains($"validation of {endpoint} failed", done.Error, StringComparison.Ordinal);
        Assert.Contains(done.Steps, s => s is { Action: "rolled back", Succeeded: true } && s.Target == endpoint);
        Assert.Equal(old, await CertificateHost.ServedThumbprintAsync(endpoint));
        Assert.NotNull(done.NewThumbprint);
        Assert.NotEqual(old, done.NewThumbprint);

        // The store's current version is the one served again, not the one issued and withdrawn.
        var inventory = await host.GetJsonAsync<Qlrf.Api.Certificates.CertificateDetail>($"/api/v1/certificates/{CertificateHost.Stale}");
        Assert.Equal(old, inventory.Certificate.Thumbprint);
        var swept = (await host.GetJsonAsync<List<CertificateChange>>($"/api/v1/certificates/{CertificateHost.Stale}/history")).Where(c => c.Kind == CertificateChangeKind.Updated).ToList();
        Assert.DoesNotContain(swept, c => c.NewThumbprint == done.NewThumbprint);
    }

    [Fact]
    public async Task A_rejected_rotation_changes_nothing()
    {
        var endpoint = await host.EndpointOfAsync(CertificateHost.Shop);
        var old = await CertificateHost.ServedThumbprintAsync(endpoint);
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = (await alice.SendAsync(HttpMethod.Post, $"/api/v1/certificates/{CertificateHost.Shop}/rotations", "{}")).Json<CertificateRotation>().Id;
        await host.WaitForRotationAsync(id, RotationStatus.AwaitingApproval);
        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await bob.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{id}/reject", """{"comment":"not now"}""")).Status);

        var done = await host.WaitForRotationAsync(id, RotationStatus.Rejected, RotationStatus.Succeeded);

        Assert.Equal(RotationStatus.Rejected, done.Status);
        Assert.Null(done.NewThumbprint);
        Assert.Equal(old, await CertificateHost.ServedThumbprintAsync(endpoint));
    }
}
