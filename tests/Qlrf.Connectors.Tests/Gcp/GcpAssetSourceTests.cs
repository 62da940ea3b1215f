using System.Security.Cryptography;
using System.Text.Json;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Gcp;

public sealed class GcpAssetSourceTests
{
    [Fact]
    public async Task Every_project_is_read_following_page_tokens_with_a_bearer_token()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeProd().ServeStaging();
        var sink = new RecordingSink();

        await GcpFixture.Create(GcpFixture.Settings(server, "acme-prod", "acme-staging"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(3, sink.Assets.Count);
        var lists = server.Requests.Where(r => r.Path.Contains("/aggregated/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lists.Count);
        Assert.All(lists, r =>
        {
            Assert.Equal("500", r.Parameter("maxResults"));
            Assert.Equal("true", r.Parameter("returnPartialSuccess"));
        });
        Assert.Equal(2, lists.Count(r => r.Path == "/compute/v1/projects/acme-prod/aggregated/instances"));
        Assert.Single(lists, r => r.Parameter("pageToken") is not null);
        Assert.Single(lists, r => r.Path == "/compute/v1/projects/acme-staging/aggregated/instances");
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + GcpFixture.Token, r.Header("Authorization")));
        Assert.Equal(3, server.Requests.Count(r => r.Path.Contains("/global/images/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Instances_are_normalised_with_boot_image_family_version_and_labels()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeProd();
        var sink = new RecordingSink();

        await GcpFixture.Create(GcpFixture.Settings(server, "acme-prod"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var web = sink.Asset("instances/web-prod-euw1-01");
        Assert.Equal("//compute.googleapis.com/projects/acme-prod/zones/europe-west1-b/instances/web-prod-euw1-01", web.Id);
        Assert.Equal("gcp-acme-prod-europe-west1", web.Site);
        Assert.Equal("prod", web.Environment);
        Assert.Equal(new ImageRef("ubuntu-2204-base", "1.4.0", "projects/acme-images/global/images/ubuntu-2204-base-v20261020"), web.Image);
        Assert.Equal("web", web.Tags["team"]);
        Assert.Equal(AssetState.Running, web.State);

        var db = sink.Asset("instances/db-prod-euw1-01");
        Assert.Equal(new ImageRef("postgres-16-base", "2.1.3", "projects/acme-images/global/images/postgres-16-base-2-1-3"), db.Image);
        Assert.Equal(AssetState.Stopped, db.State);

        var bastion = sink.Asset("instances/bastion-usc1");
        Assert.Equal(new ImageRef("debian-12", "20240110", "projects/debian-cloud/global/images/debian-12-bookworm-v20240110"), bastion.Image);
        Assert.Equal("unassigned", bastion.Environment);
        Assert.Equal(AssetState.Pending, bastion.State);

        Assert.Equal(["gcp-acme-prod-europe-west1", "gcp-acme-prod-us-central1"], sink.Sites.Keys.Order());
        Assert.Equal("us-central1", sink.Sites["gcp-acme-prod-us-central1"].Region);
    }

    [Fact]
    public async Task An_unreachable_zone_makes_the_sweep_partial_naming_project_and_zone()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeProd().ServeStaging();
        var sink = new RecordingSink();

        await GcpFixture.Create(GcpFixture.Settings(server, "acme-prod", "acme-staging"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var failure = Assert.Single(sink.Failures);
        Assert.Equal("gcp-prod/acme-staging/zones/us-east4-c", failure.Scope);
        Assert.Equal("Source 'gcp-prod', project acme-staging: zones/us-east4-c did not answer (listed as unreachable).", failure.Message);
    }

    [Fact]
    public async Task Rate_limit_exceeded_is_retried_then_succeeds()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(GcpFixture.Aggregated("acme-prod", "disks"), Answer.Fixture("gcp/rate-limit-exceeded.json", 403), Answer.Fixture("gcp/disks.json"));
        server.ServeProd();
        var time = new InstantTimeProvider();
        var sink = new RecordingSink();

        await GcpFixture.Create(GcpFixture.Settings(server, "acme-prod"), time).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(3, sink.Assets.Count);
        Assert.Single(time.Delays);
    }

    [Fact]
    public async Task A_malformed_answer_fails_its_project_only()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeProd();
        server.On(GcpFixture.Aggregated("acme-staging", "disks"), Answer.Fixture("gcp/empty-aggregated.json"));
        server.On(GcpFixture.Aggregated("acme-staging", "instances"), Answer.Fixture("gcp/instances-malformed.json"));
        var sink = new RecordingSink();

        await GcpFixture.Create(GcpFixture.Settings(server, "acme-prod", "acme-staging"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(3, sink.Assets.Count);
        var failure = Assert.Single(sink.Failures);
        Assert.Equal("gcp-prod/acme-staging", failure.Scope);
        Assert.StartsWith("Source 'gcp-prod', project acme-staging: aggregated/instances acme-staging: malformed response:", failure.Message);
    }

    [Fact]
    public async Task A_service_account_key_file_is_exchanged_for_a_token_through_google_apis_auth()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(r => r.Path == "/token", Answer.Fixture("gcp/token.json"));
        server.ServeStaging();
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(Path.GetTempPath(), "qlrf-sa-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(keyFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "acme-staging",
            ["private_key_id"] = "2f7d1c1e5a0b4f1c9e8d7c6b5a4f3e2d1c0b9a88",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "qlrf-discovery@acme-staging.iam.gserviceaccount.com",
            ["client_id"] = "109876543210987654321",
            ["token_uri"] = server.BaseUrl + "/token",
        }));
        try
        {
            var settings = GcpFixture.Settings(server, "acme-staging");
            settings.Remove("Credentials:AccessTokenVariable");
            settings["Credentials:KeyFile"] = keyFile;

            await GcpFixture.Create(settings, new InstantTimeProvider()).DiscoverAsync(new RecordingSink(), CancellationToken.None);

            var exchange = Assert.Single(server.Requests, r => r.Path == "/token");
            Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", exchange.Parameter("grant_type"));
            Assert.Contains(server.Requests, r => r.Header("Authorization") == "Bearer ya29.c.b0Aaekm1KEXAMPLE-service-account-token");
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Theory]
    [InlineData("1-4-0", "1.4.0")]
    [InlineData("2026_10_1", "2026.10.1")]
    [InlineData("20261020", "20261020")]
    [InlineData("1.4.0", "1.4.0")]
    [InlineData("1-4-0-rc1", "1-4-0-rc1")]
    [InlineData("v1-4", "v1-4")]
    public void Gcp_versions_of_dashed_digit_groups_read_with_dots(string version, string expected) =>
        Assert.Equal(expected, Qlrf.Connectors.Gcp.GceAssetMapper.DottedVersion(version));
}
