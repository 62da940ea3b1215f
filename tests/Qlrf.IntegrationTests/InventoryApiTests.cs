using System.Net;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;
using Qlrf.Sandbox;

namespace Qlrf.IntegrationTests;

/// <summary>One host, swept once at start-up, read through the API.</summary>
public sealed class InventoryApiFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public EstateFile Estate { get; } = EstateFileReader.Read(HostDirectory.SampleEstate);

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

public sealed class InventoryApiTests(InventoryApiFixture fixture) : IClassFixture<InventoryApiFixture>
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task The_start_up_sweep_brings_the_whole_estate_into_the_inventory()
    {
        var assets = await Host.AllAssetsAsync();

        Assert.Equal(fixture.Estate.Assets.Select(a => a.Id).Order(StringComparer.Ordinal), assets.Select(a => a.Id));
        var expected = fixture.Estate.Assets.ToDictionary(a => a.Id);
        Assert.All(assets, a =>
        {
            var e = expected[a.Id];
            Assert.Equal((e.Name, e.Platform, e.Site, e.Environment, e.Image, e.State, e.Health), (a.Name, a.Platform, a.Site, a.Environment, a.Image, a.State, a.Health));
            Assert.Equal(e.Tags, a.Tags);
            Assert.Equal(("sandbox", 1L), (a.Source, a.Version));
        });

        var runs = await Host.GetJsonAsync<PageDto<SweepRun>>("/api/v1/discovery/runs");
        var startup = Assert.Single(runs.Items, r => r.Trigger == SweepTrigger.Startup);
        Assert.Equal(SweepStatus.Succeeded, startup.Status);
        Assert.Equal(new SweepCounts(expected.Count, expected.Count, 0, 0, 0), startup.Counts);
    }

    [Theory]
    [InlineData("platform=kubernetes")]
    [InlineData("environment=staging")]
    [InlineData("site=dc-london")]
    [InlineData("imageFamily=rhel-9-base")]
    [InlineData("state=stopped")]
    [InlineData("tag=team:payments")]
    [InlineData("tag=team:storefront&tag=tier:frontend&environment=prod")]
    [InlineData("platform=aws&site=aws-eu-west-1&state=running")]
    public async Task Filters_return_exactly_the_matching_assets(string query)
    {
        var filter = ParseFilter(query);
        var expected = fixture.Estate.Assets.Where(a => filter.Matches(AssetNormaliser.Normalise(a))).Select(a => a.Id).Order(StringComparer.Ordinal).ToList();

        var actual = (await Host.AllAssetsAsync(query)).Select(a => a.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("platform=openstack", "platform")]
    [InlineData("state=on", "state")]
    [InlineData("site=nowhere", "site")]
    [InlineData("environment=qa", "environment")]
    [InlineData("imageFamily=debian-12", "imageFamily")]
    [InlineData("tag=team", "tag")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    [InlineData("environment=", "environment")]
    public async Task Bad_parameters_get_a_400_naming_the_parameter(string query, string parameter)
    {
        var (status, problem, body) = await Host.SendAsync(HttpMethod.Get, "/api/v1/assets?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors!.ContainsKey(parameter), body);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_from_another_listing_is_refused()
    {
        var runs = await Host.GetJsonAsync<PageDto<AssetDto>>("/api/v1/assets?limit=1");
        var (status, problem, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/discovery/runs?cursor=" + runs.NextCursor);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cursor", problem!.Errors!.Keys);
    }

    [Fact]
    public async Task An_asset_comes_with_its_history()
    {
        var id = fixture.Estate.Assets[0].Id;

        var detail = await Host.GetJsonAsync<AssetDetailDto>($"/api/v1/assets/{id}");

        Assert.Equal(id, detail.Asset.Id);
        var added = Assert.Single(detail.History);
        Assert.Equal((1L, AssetChangeKind.Added), (added.Version, added.Kind));
    }

    [Fact]
    public async Task An_unknown_asset_is_a_404_problem()
    {
        var (status, problem, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/assets/no-such-asset");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem!.Status);
    }

    [Fact]
    public async Task Sites_are_listed()
    {
        var sites = await Host.GetJsonAsync<List<Site>>("/api/v1/sites");

        Assert.Equal(fixture.Estate.Sites.OrderBy(s => s.Name, StringComparer.Ordinal), sites);
    }

    [Fact]
    public async Task Probes_and_the_openapi_document_answer()
    {
        var (healthz, _, _) = await Host.SendAsync(HttpMethod.Get, "/healthz");
        Assert.Equal(HttpStatusCode.OK, healthz);

        var (readyz, _, ready) = await Host.SendAsync(HttpMethod.Get, "/readyz");
        Assert.Equal(HttpStatusCode.OK, readyz);
        Assert.Contains("\"lastSweep\":\"succeeded\"", ready, StringComparison.Ordinal);

        var (openapi, _, document) = await Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openapi);
        foreach (var path in new[] { "/api/v1/assets", "/api/v1/assets/{id}", "/api/v1/sites", "/api/v1/discovery/sweeps", "/api/v1/discovery/runs", "/api/v1/discovery/dead-letters" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.Contains("\"imageFamily\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_empty_on_a_healthy_host()
    {
        var page = await Host.GetJsonAsync<PageDto<Qlrf.Messaging.DeadLetter>>("/api/v1/discovery/dead-letters");

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Starting_a_sweep_of_an_unknown_source_or_with_a_bad_body_is_a_400()
    {
        var (unknown, problem, _) = await Host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", """{"source":"aws-prod"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("source", problem!.Errors!.Keys);

        var (malformed, problem2, _) = await Host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", """{"source": 12""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.NotEmpty(problem2!.Errors!);
    }

    [Fact]
    public void Every_endpoint_declares_a_permission_or_is_public()
    {
        var endpoints = Host.Service<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(
            e.Metadata.GetMetadata<Qlrf.Api.Infrastructure.RequiresPermission>() is not null
            || e.Metadata.GetMetadata<Qlrf.Api.Infrastructure.PublicEndpoint>() is not null,
            $"{e.RoutePattern.RawText} declares no permission"));
    }

    [Fact]
    public void The_host_logged_no_warnings_or_errors() => Assert.Empty(Host.Logs.WarningsAndErrors);

    private static AssetFilter ParseFilter(string query)
    {
        var filter = new AssetFilter();
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&'))
        {
            var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            filter = key switch
            {
                "platform" => filter with { Platform = Qlrf.Json.EnumText<Platform>.Parse(value) },
                "environment" => filter with { Environment = value },
                "site" => filter with { Site = value },
                "imageFamily" => filter with { ImageFamily = value },
                "state" => filter with { State = Qlrf.Json.EnumText<AssetState>.Parse(value) },
                _ => filter,
            };
            if (key == "tag")
            {
                tags.Add(new(value.Split(':')[0], value.Split(':')[1]));
            }
        }

        return filter with { Tags = tags };
    }
}
