using Qlrf.Connectors.Tests.Support;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Kubernetes;

public sealed class KubernetesAssetSourceTests
{
    [Fact]
    public async Task Every_kind_of_every_cluster_is_listed_to_the_last_page_with_its_credentials()
    {
        await using var server = await FixtureServer.StartAsync();
        using var fixture = new KubernetesFixture(server);
        KubernetesFixture.ServeC1(server);
        server.On(r => r.Path.StartsWith("/c2/", StringComparison.Ordinal), Answer.Fixture("k8s/empty-list.json"));
        var sink = new RecordingSink();

        await fixture.Create(new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(5, sink.Assets.Count);
        var c1 = server.Requests.Where(r => r.Path.StartsWith("/c1/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, c1.Count);
        Assert.All(c1, r =>
        {
            Assert.Equal("Bearer c1-secret-token", r.Header("Authorization"));
            Assert.Contains("limit=2", r.Query.TrimStart('?').Split('&'));
        });
        Assert.Single(c1, r => r.Query.Contains("continue=eyJ2Ijoi", StringComparison.Ordinal));
        var c2 = server.Requests.Where(r => r.Path.StartsWith("/c2/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/c2/apis/apps/v1/daemonsets", "/c2/apis/apps/v1/deployments", "/c2/apis/apps/v1/statefulsets"], c2.Select(r => r.Path).Order());
        Assert.All(c2, r => Assert.Equal("Bearer c2-projected-token", r.Header("Authorization")));
        Assert.Equal(new Site("k8s-c1", Platform.Kubernetes, "eu-west-1", SiteKind.CloudRegion), sink.Sites["k8s-c1"]);
        Assert.Equal(new Site("k8s-c2", Platform.Kubernetes, "unknown", SiteKind.DataCentre), sink.Sites["k8s-c2"]);
    }

    [Fact]
    public async Task Workloads_are_normalised_with_image_repository_tag_and_digest()
    {
        await using var server = await FixtureServer.StartAsync();
        using var fixture = new KubernetesFixture(server);
        KubernetesFixture.ServeC1(server);
        server.On(r => r.Path.StartsWith("/c2/", StringComparison.Ordinal), Answer.Fixture("k8s/empty-list.json"));
        var sink = new RecordingSink();

        await fixture.Create(new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var checkout = sink.Asset("k8s://c1/payments/deployment/checkout");
        Assert.Equal("payments/checkout", checkout.Name);
        Assert.Equal("k8s-c1", checkout.Site);
        Assert.Equal("prod", checkout.Environment);
        Assert.Equal(
            new ImageRef("payments-checkout", "2.8.1", "sha256:9b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"),
            checkout.Image);
        Assert.Equal("payments", checkout.Tags["team"]);
        Assert.Equal("Deployment", checkout.Tags["k8s:kind"]);
        Assert.Equal((AssetState.Running, AssetHealth.Healthy), (checkout.State, checkout.Health));

        var ledger = sink.Asset("deployment/ledger-api");
        Assert.Equal(new ImageRef("ledger-api", "1.12.0", "ghcr.io/acme/ledger-api:1.12.0"), ledger.Image);
        Assert.Equal(AssetHealth.Degraded, ledger.Health);

        var report = sink.Asset("deployment/nightly-report");
        Assert.Equal(new ImageRef("python", "latest", "python"), report.Image);
        Assert.Equal("unassigned", report.Environment);
        Assert.Equal(AssetState.Stopped, report.State);

        var postgres = sink.Asset("statefulset/postgres");
        Assert.Equal("postgres", postgres.Image!.Family);
        Assert.Equal("sha256:4d2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f", postgres.Image.Version);

        var exporter = sink.Asset("daemonset/node-exporter");
        Assert.Equal(new ImageRef("node-exporter", "v1.8.2", "quay.io/prometheus/node-exporter:v1.8.2"), exporter.Image);
        Assert.Equal(AssetHealth.Unhealthy, exporter.Health);
    }

    [Fact]
    public async Task Throttling_then_success_reads_the_cluster()
    {
        await using var server = await FixtureServer.StartAsync();
        using var fixture = new KubernetesFixture(server);
        server.On(KubernetesFixture.List("c1", "deployments"), Answer.Text("{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\",\"message\":\"too many requests\"}", 429), Answer.Fixture("k8s/deployments-page2.json"));
        server.On(r => true, Answer.Fixture("k8s/empty-list.json"));
        var time = new InstantTimeProvider();
        var sink = new RecordingSink();

        await fixture.Create(time).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Single(sink.Assets);
        Assert.Single(time.Delays);
    }

    [Theory]
    [InlineData("truncated.json", 200, "list deployments c2: malformed response:")]
    [InlineData("forbidden.json", 403, "HTTP 403 Forbidden: deployments.apps is forbidden")]
    [InlineData("gone.json", 410, "the continue token of the deployments list expired before its last page")]
    public async Task A_cluster_that_cannot_be_read_makes_the_sweep_partial_naming_source_and_cluster(string fixtureFile, int status, string expected)
    {
        await using var server = await FixtureServer.StartAsync();
        using var fixture = new KubernetesFixture(server);
        KubernetesFixture.ServeC1(server);
        server.On(KubernetesFixture.List("c2", "deployments"), Answer.Fixture("k8s/" + fixtureFile, status));
        server.On(r => r.Path.StartsWith("/c2/", StringComparison.Ordinal), Answer.Fixture("k8s/empty-list.json"));
        var sink = new RecordingSink();

        await fixture.Create(new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(5, sink.Assets.Count);
        var failure = Assert.Single(sink.Failures);
        Assert.Equal("k8s/c2", failure.Scope);
        Assert.StartsWith("Source 'k8s', cluster c2: ", failure.Message);
        Assert.Contains(expected, failure.Message);
    }
}
