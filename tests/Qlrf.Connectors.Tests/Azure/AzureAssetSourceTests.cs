using Qlrf.Connectors.Tests.Support;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Azure;

public sealed class AzureAssetSourceTests : IDisposable
{
    private readonly LoopbackCertificate certificate = new();

    [Fact]
    public async Task Vms_and_scale_set_instances_are_read_following_next_links_with_the_token()
    {
        await using var server = await AzureFixture.StartAsync(certificate);
        server.ServeProd();
        var sink = new RecordingSink();

        await AzureFixture.Create(AzureFixture.Settings(server, certificate, AzureFixture.Prod), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(5, sink.Assets.Count);
        var first = Assert.Single(server.Requests, r => AzureFixture.Vms(AzureFixture.Prod)(r));
        Assert.Contains("api-version=2023-07-01", first.Query);
        Assert.Contains("$expand=instanceView", Uri.UnescapeDataString(first.Query));
        Assert.Single(server.Requests, r => AzureFixture.Vms(AzureFixture.Prod, nextPage: true)(r));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("flex-workers/virtualMachines", StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + AzureFixture.Token, r.Header("Authorization")));
    }

    [Fact]
    public async Task Image_references_give_family_and_version_for_gallery_marketplace_and_managed_images()
    {
        await using var server = await AzureFixture.StartAsync(certificate);
        server.ServeProd();
        var sink = new RecordingSink();

        await AzureFixture.Create(AzureFixture.Settings(server, certificate, AzureFixture.Prod), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var web = sink.Asset("/virtualmachines/web-prod-weu-01");
        Assert.Equal("/subscriptions/6e1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b/resourcegroups/rg-web-prod/providers/microsoft.compute/virtualmachines/web-prod-weu-01", web.Id);
        Assert.Equal("azure-6e1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b-westeurope", web.Site);
        Assert.Equal("prod", web.Environment);
        Assert.Equal(("ubuntu-2204-base", "1.4.0"), (web.Image!.Family, web.Image.Version));
        Assert.EndsWith("/galleries/acme_golden/images/ubuntu-2204-base/versions/1.4.0", web.Image.Reference, StringComparison.Ordinal);
        Assert.Equal("team-web", web.Tags["owner"]);
        Assert.Equal(AssetState.Running, web.State);

        var runner = sink.Asset("/ci-runner-weu-03");
        Assert.Equal(new ImageRef("canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2", "22.04.202410020", "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:22.04.202410020"), runner.Image);
        Assert.Equal(AssetState.Stopped, runner.State);

        var flex = sink.Asset("/flex-worker-7f3a");
        Assert.Equal(("batch-worker", "3.2.1"), (flex.Image!.Family, flex.Image.Version));
        Assert.Equal(AssetState.Pending, flex.State);
        Assert.Equal("azure-6e1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b-northeurope", flex.Site);

        var canary = sink.Asset("/api-vmss/virtualmachines/1");
        Assert.Equal("api-vmss000001", canary.Name);
        Assert.Equal(("ubuntu-2204-base", "1.4.0"), (canary.Image!.Family, canary.Image.Version));
        Assert.Equal("prod", canary.Environment);
        Assert.Equal("true", canary.Tags["canary"]);
        Assert.Equal("api-vmss", canary.Tags["azure:scale-set"]);
        Assert.Equal(AssetState.Stopped, canary.State);
        Assert.Equal("1.3.2", sink.Asset("/api-vmss/virtualmachines/0").Image!.Version);
    }

    [Fact]
    public async Task Without_a_subscription_list_every_visible_subscription_is_read()
    {
        await using var server = await AzureFixture.StartAsync(certificate);
        server.On(r => r.Path == "/subscriptions", Answer.Fixture("azure/subscriptions.json"));
        server.ServeProd().ServeEmpty(AzureFixture.Staging);
        var sink = new RecordingSink();

        await AzureFixture.Create(AzureFixture.Settings(server, certificate), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(5, sink.Assets.Count);
        Assert.Single(server.Requests, r => AzureFixture.Vms(AzureFixture.Staging)(r));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_servers_retry_after_then_succeeds()
    {
        await using var server = await AzureFixture.StartAsync(certificate);
        server.On(AzureFixture.Vms(AzureFixture.Prod), Answer.Fixture("azure/too-many-requests.json", 429, ("Retry-After", "17")), Answer.Fixture("azure/vms-page1.json"));
        server.ServeProd();
        var time = new InstantTimeProvider();
        var sink = new RecordingSink();

        await AzureFixture.Create(AzureFixture.Settings(server, certificate, AzureFixture.Prod), time).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(5, sink.Assets.Count);
        Assert.Contains(TimeSpan.FromSeconds(17), time.Delays);
    }

    [Theory]
    [InlineData("azure/authorization-failed.json", 403, "HTTP 403 AuthorizationFailed")]
    [InlineData("azure/malformed.json", 200, "ARM compute lists of 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d: malformed response:")]
    public async Task A_subscription_that_cannot_be_read_makes_the_sweep_partial(string fixture, int status, string expected)
    {
        await using var server = await AzureFixture.StartAsync(certificate);
        server.ServeProd();
        server.On(AzureFixture.Vms(AzureFixture.Staging), Answer.Fixture(fixture, status));
        var sink = new RecordingSink();

        await AzureFixture.Create(AzureFixture.Settings(server, certificate, AzureFixture.Prod, AzureFixture.Staging), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(5, sink.Assets.Count);
        var failure = Assert.Single(sink.Failures);
        Assert.Equal("azure-prod/" + AzureFixture.Staging, failure.Scope);
        Assert.StartsWith($"Source 'azure-prod', subscription {AzureFixture.Staging}: ", failure.Message);
        Assert.Contains(expected, failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }

    public void Dispose() => certificate.Dispose();
}
