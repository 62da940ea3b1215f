using System.Net;
using System.Text.Json;
using Qlrf.Discovery;
using Qlrf.Api;
using Qlrf.Api.Dr;
using Qlrf.Api.Rollouts;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using AzureFixture = Qlrf.Connectors.Tests.Azure.AzureFixture;

namespace Qlrf.IntegrationTests;

/// <summary>
/// Every asset id the API lists can be used in the API: percent-encoded in every route that takes one, and in the
/// bodies of rollouts and DR pairs; links the API returns for them are encoded.
/// </summary>
public sealed class CloudAssetIdTests(CloudAssetsFixture fixture) : IClassFixture<CloudAssetsFixture>
{
    /// <summary>Every route with an asset id in its path.</summary>
    private static readonly string[] AssetRoutes = [Routes.Asset, Routes.DriftAsset];

    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task Every_source_swept_its_recorded_answers()
    {
        var runs = await Host.GetJsonAsync<PageDto<SweepRun>>("/api/v1/discovery/runs?limit=50");

        Assert.All(CloudAssetsFixture.Sources, s => Assert.Contains(runs.Items, r => r.Source == s && r.Status == SweepStatus.Succeeded));
    }

    [Fact]
    public async Task Every_listed_asset_is_found_by_its_percent_encoded_id_on_every_route_that_takes_an_asset_id()
    {
        using var client = Host.CreateClient();
        var assets = await ListPagedAsync(client);
        var wanted = assets.Where(a => a.Source != "sandbox" || CloudAssetsFixture.OddIds.Contains(a.Id)).ToList();
        Assert.Equal(
            [Platform.Aws, Platform.Azure, Platform.Gcp, Platform.Vsphere, Platform.Kubernetes],
            wanted.Select(a => a.Platform).Distinct().Order());
        Assert.Equal(CloudAssetsFixture.OddIds.Order(), wanted.Where(a => a.Source == "sandbox").Select(a => a.Id).Order());
        Assert.Equal(
            AssetRoutes.Order(),
            Host.Routes().Where(r => r.Method == "GET" && r.Pattern.Contains("assets/{", StringComparison.Ordinal)).Select(r => r.Pattern).Order());

        var wrong = new List<string>();
        foreach (var asset in wanted)
        {
            foreach (var route in AssetRoutes)
            {
                var path = Routes.PathOf(route, asset.Id);
                var reply = await client.FetchAsync(path);
                var found = reply.Status != HttpStatusCode.OK ? null
                    : route == Routes.Asset ? reply.Json<AssetDetailDto>().Asset.Id
                    : reply.Json<AssetDriftDto>().AssetId;
                if (found != asset.Id)
                {
                    wrong.Add($"GET {path} ({asset.Id}): {(int)reply.Status} {reply.Body[..Math.Min(200, reply.Body.Length)]}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Contains(wanted, a => a.Id.StartsWith("k8s://", StringComparison.Ordinal));
        Assert.Contains(wanted, a => a.Id.StartsWith("arn:aws:ec2:", StringComparison.Ordinal));
        Assert.Contains(wanted, a => a.Id.StartsWith("/subscriptions/", StringComparison.Ordinal));
        Assert.Contains(wanted, a => a.Id.StartsWith("//compute.googleapis.com/", StringComparison.Ordinal));
        Assert.Contains(wanted, a => a.Id.StartsWith("vsphere://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cloud_asset_id_may_also_be_sent_with_its_slashes_as_they_are()
    {
        using var client = Host.CreateClient();
        var assets = (await ListPagedAsync(client)).Where(a => a.Source != "sandbox").ToList();

        foreach (var asset in assets)
        {
            var path = "/api/v1/assets/" + string.Join('/', asset.Id.Split('/').Select(Uri.EscapeDataString));
            var reply = await client.FetchAsync(path);
            Assert.True(reply.Status == HttpStatusCode.OK, $"GET {path}: {(int)reply.Status} {reply.Body}");
            Assert.Equal(asset.Id, reply.Json<AssetDetailDto>().Asset.Id);
        }
    }

    [Fact]
    public async Task An_encoded_id_that_is_not_an_asset_is_a_404_naming_it_decoded()
    {
        using var client = Host.CreateClient();

        var reply = await client.FetchAsync(Routes.PathOf(Routes.Asset, "k8s://c1/payments/deployment/gone"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("'k8s://c1/payments/deployment/gone'", reply.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_asset_ids_in_a_rollout_scope_are_planned_and_its_location_can_be_followed()
    {
        using var client = Host.CreateClient();
        var ids = (await ListPagedAsync(client))
            .Where(a => a.Source != "sandbox" && a.Image?.Family == "ubuntu-2204-base" && a.Platform == Platform.Aws) // ARNs hold '/'; AWS has an executor
            .Select(a => a.Id)
            .ToList();
        Assert.True(ids.Count >= 2 && ids.All(i => i.Contains('/', StringComparison.Ordinal)), string.Join(", ", ids));
        var body = JsonSerializer.Serialize(new
        {
            target = new { imageFamily = "ubuntu-2204-base", imageVersion = "2026.10.1" },
            scope = new { assetIds = ids },
            strategy = new { canaryCount = 1, waves = new[] { 100 }, waitBetweenWaves = "00:00:00" },
            autonomy = "approve_all",
        });

        var started = await client.StartRolloutAsync(body);

        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body);
        var location = started.Response.Headers.Location!.OriginalString;
        var id = started.Json<RolloutSummary>().Id;
        Assert.Equal(Routes.PathOf(Routes.Rollout, id), location);
        var detail = await Host.WaitForRolloutAsync(id, d => d.Rollout.Status != RolloutStatus.Planning, "to be planned");
        Assert.Equal(ids, detail.Request.Scope.AssetIds);
        Assert.DoesNotContain(detail.Policy.Violations, v => v.RuleId == "scope");
        Assert.Equal(ids.Order(), detail.Plan.SelectMany(s => s.Batches).SelectMany(b => b).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync(location)).Status);
    }

    [Fact]
    public async Task Cloud_asset_ids_in_a_dr_pair_are_kept_and_its_location_can_be_followed()
    {
        using var client = Host.CreateClient();
        var azure = (await ListPagedAsync(client)).Where(a => a.Source == "azure" && a.Environment == "prod").ToList();
        var primary = azure.GroupBy(a => a.Site).OrderByDescending(g => g.Count()).First();
        var recovery = (await Host.GetJsonAsync<List<Site>>("/api/v1/sites")).First(s => s.Name.StartsWith($"azure-{AzureFixture.Prod}-", StringComparison.Ordinal) && s.Name != primary.Key);
        var ids = primary.Select(a => a.Id).ToList();
        var body = JsonSerializer.Serialize(new
        {
            id = "azure-web",
            name = "Azure web tier",
            primarySite = primary.Key,
            recoverySite = recovery.Name,
            environment = "prod",
            workloads = new { assetIds = ids },
            replication = "asynchronous",
            rtoTargetSeconds = 300,
            rpoTargetSeconds = 60,
        });

        var created = await client.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", body);

        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        var location = created.Response.Headers.Location!.OriginalString;
        Assert.Equal(Routes.PathOf(Routes.DrPair, "azure-web"), location);
        var pair = (await client.FetchAsync(location)).Json<DrPairResource>();
        Assert.Equal(ids, pair.Workloads.AssetIds);
        Assert.All(ids, id => Assert.Contains("/", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_drill_of_a_pair_no_dr_executor_serves_is_refused_when_requested_and_nothing_starts()
    {
        using var client = Host.CreateClient();
        var azure = (await ListPagedAsync(client)).Where(a => a.Source == "azure" && a.Environment == "prod").ToList();
        var primary = azure.GroupBy(a => a.Site).OrderByDescending(g => g.Count()).First();
        var recovery = (await Host.GetJsonAsync<List<Site>>("/api/v1/sites")).First(s => s.Name.StartsWith($"azure-{AzureFixture.Prod}-", StringComparison.Ordinal) && s.Name != primary.Key);
        var pair = JsonSerializer.Serialize(new
        {
            id = "azure-unserved",
            name = "Azure pair without a DR executor",
            primarySite = primary.Key,
            recoverySite = recovery.Name,
            environment = "prod",
            workloads = new { assetIds = primary.Select(a => a.Id).ToList() },
            replication = "asynchronous",
            rtoTargetSeconds = 300,
            rpoTargetSeconds = 60,
        });
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", pair)).Status);

        var drill = await client.SendAsync(HttpMethod.Post, "/api/v1/dr/drills", """{"pairId":"azure-unserved","kind":"test_failover"}""");

        Assert.True(drill.Status == HttpStatusCode.BadRequest, drill.Body);
        var problem = drill.Json<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.True(problem.Errors.ContainsKey("pairId"), drill.Body);
        Assert.Contains(primary.Key, drill.Body, StringComparison.Ordinal);
        var drills = (await client.FetchAsync("/api/v1/dr/drills")).Body;
        Assert.DoesNotContain("azure-unserved", drills, StringComparison.Ordinal);
    }

    /// <summary>Every asset, a few at a time, following each page's <c>nextCursor</c> as given.</summary>
    private static async Task<List<AssetDto>> ListPagedAsync(HttpClient client)
    {
        var all = new List<AssetDto>();
        var path = "/api/v1/assets?limit=37";
        while (true)
        {
            var reply = await client.FetchAsync(path);
            Assert.True(reply.Status == HttpStatusCode.OK, $"GET {path}: {(int)reply.Status} {reply.Body}");
            var page = reply.Json<PageDto<AssetDto>>();
            all.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return all;
            }

            Assert.Equal(page.NextCursor, Uri.EscapeDataString(page.NextCursor));
            path = "/api/v1/assets?limit=37&cursor=" + page.NextCursor;
        }
    }
}
