using System.Net;
using Qlrf.Api.Certificates;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Certificates;

/// <summary>The certificate inventory through the real host on the sandbox PKI: summary, alerts, usage, history.</summary>
public sealed class CertificateInventoryTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = CertificateHost.Create(directory);
        await host.WaitForCertificateAsync(CertificateHost.Shop);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task An_endpoint_expiring_in_5_days_shows_in_the_summary_and_raises_one_alert_that_can_be_acknowledged_once()
    {
        var summary = await host.GetJsonAsync<CertificateSummary>("/api/v1/certificates/summary");
        Assert.Equal((2, 1, 0, 1), (summary.Total, summary.Within7Days, summary.Expired, summary.Later));

        var expiring = await host.GetJsonAsync<PageDto<CertificateView>>("/api/v1/certificates?expiringWithinDays=7");
        var shop = Assert.Single(expiring.Items);
        Assert.Equal((CertificateHost.Shop, ExpiryBucket.Within7Days, 4), (shop.Certificate.Id, shop.Bucket, shop.DaysLeft));
        Assert.Equal(["shop.sandbox.test"], shop.Certificate.SubjectAlternativeNames);
        Assert.Equal("CN=QL-RF Sandbox CA, O=QL-RF", shop.Certificate.Issuer);

        var served = await CertificateHost.ServedThumbprintAsync(await host.EndpointOfAsync(CertificateHost.Shop));
        Assert.Equal(shop.Certificate.Thumbprint, served);

        var alert = Assert.Single(await host.GetJsonAsync<List<CertificateAlert>>("/api/v1/certificates/alerts"));
        Assert.Equal((CertificateHost.Shop, 7, served), (alert.CertificateId, alert.ThresholdDays, alert.Thumbprint));

        using var client = host.CreateClient();
        var swept = await client.SendAsync(HttpMethod.Post, "/api/v1/certificates/sources/sandbox/sweeps");
        Assert.Equal(HttpStatusCode.OK, swept.Status);
        Assert.Equal(0, swept.Json<CertificateSweepView>().Changes);
        Assert.Single(await host.GetJsonAsync<List<CertificateAlert>>("/api/v1/certificates/alerts"));

        using var operatorClient = await host.CreateClientAsAsync(Role.Operator);
        var acknowledged = await operatorClient.SendAsync(HttpMethod.Post, $"/api/v1/certificates/alerts/{alert.Id}/acknowledge", """{"comment":"renewal planned"}""");
        Assert.Equal(HttpStatusCode.OK, acknowledged.Status);
        Assert.Equal("renewal planned", acknowledged.Json<CertificateAlert>().Comment);
        var again = await operatorClient.SendAsync(HttpMethod.Post, $"/api/v1/certificates/alerts/{alert.Id}/acknowledge", "{}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Empty(await host.GetJsonAsync<List<CertificateAlert>>("/api/v1/certificates/alerts"));
        Assert.Single(await host.GetJsonAsync<List<CertificateAlert>>("/api/v1/certificates/alerts?includeAcknowledged=true"));
    }

    [Fact]
    public async Task Usage_lists_the_serving_endpoint_and_the_assets_behind_it_with_counts_by_environment()
    {
        var usage = await host.GetJsonAsync<CertificateUsageView>($"/api/v1/certificates/{CertificateHost.Shop}/usage");

        Assert.Equal(2, usage.Total);
        Assert.Equal(new Dictionary<string, int> { ["prod"] = 2 }, usage.ByEnvironment);
        Assert.Equal("thumbprint", usage.Usages.Single(u => u.Kind == UsageKind.Endpoint).Via);
        Assert.Equal("use1-prod-web-01", usage.Usages.Single(u => u.Kind == UsageKind.Asset).Target);

        var history = await host.GetJsonAsync<List<CertificateChange>>($"/api/v1/certificates/{CertificateHost.Shop}/history");
        Assert.Equal(CertificateChangeKind.Added, Assert.Single(history).Kind);
    }

    [Fact]
    public async Task Filters_are_validated_and_unknown_certificates_are_problems()
    {
        using var client = host.CreateClient();

        var bad = await client.FetchAsync("/api/v1/certificates?expiringWithinDays=soon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Problem);
        var missing = await client.FetchAsync("/api/v1/certificates/sandbox:nope/usage");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(404, missing.Problem!.Status);
        Assert.Equal(["sandbox:stale"], (await host.GetJsonAsync<PageDto<CertificateView>>("/api/v1/certificates?environment=dev")).Items.Select(c => c.Certificate.Id));
    }
}
