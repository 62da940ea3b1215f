using System.Net;
using System.Text.Json.Nodes;
using Qlrf.Api.Secrets;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Secrets;

/// <summary>The secret inventory through the real host on the sandbox store: filters, paging, detail, problems, roles.</summary>
public sealed class SecretInventoryTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = SecretHost.Create(directory);
        await host.WaitForSecretAsync(SecretHost.DbPassword);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    private async Task<List<string>> IdsAsync(string query) =>
        [.. (await host.GetJsonAsync<PageDto<SecretView>>("/api/v1/secrets" + query)).Items.Select(s => s.Secret.Id)];

    [Fact]
    public async Task Listing_filters_by_store_environment_expiry_and_overdue_rotation()
    {
        Assert.Equal([SecretHost.ApiKey, SecretHost.DbPassword, SecretHost.DevToken, SecretHost.Legacy], await IdsAsync(string.Empty));
        Assert.Equal([SecretHost.DbPassword], await IdsAsync("?rotationOverdue=true"));
        Assert.Equal([SecretHost.ApiKey], await IdsAsync("?expiringWithinDays=7"));
        Assert.Equal([SecretHost.DevToken], await IdsAsync("?environment=dev"));
        Assert.Equal([SecretHost.ApiKey, SecretHost.DbPassword], await IdsAsync("?store=sandbox&environment=prod"));
        Assert.Empty(await IdsAsync("?store=kv-prod"));

        var overdue = Assert.Single((await host.GetJsonAsync<PageDto<SecretView>>("/api/v1/secrets?rotationOverdue=true")).Items);
        Assert.True(overdue.RotationOverdue);
        Assert.Equal(30, overdue.Secret.RotationDays);
        Assert.Equal(overdue.Secret.UpdatedAt!.Value.AddDays(30), overdue.RotationDueAt);
        var expiring = Assert.Single((await host.GetJsonAsync<PageDto<SecretView>>("/api/v1/secrets?expiringWithinDays=7")).Items);
        Assert.Equal(4, expiring.DaysToExpiry);
        Assert.Equal("application/json", expiring.Secret.ContentType);

        var first = await host.GetJsonAsync<PageDto<SecretView>>("/api/v1/secrets?limit=3");
        var rest = await host.GetJsonAsync<PageDto<SecretView>>("/api/v1/secrets?limit=3&cursor=" + Uri.EscapeDataString(first.NextCursor!));
        Assert.Equal(3, first.Items.Count);
        Assert.Equal([SecretHost.Legacy], rest.Items.Select(s => s.Secret.Id));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task Detail_names_the_workloads_and_history_and_no_answer_carries_a_value()
    {
        using var client = host.CreateClient();
        var reply = await client.FetchAsync("/api/v1/secrets/" + SecretHost.ApiKey);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var detail = reply.Json<SecretDetail>();
        Assert.Equal(["sandbox://workloads/web", "sandbox://workloads/worker"], detail.Workloads.Select(w => w.Id));
        Assert.All(detail.Workloads, w => Assert.Equal("prod", w.Environment));
        Assert.Equal(CertificateChangeKind.Added, Assert.Single(detail.History).Kind);
        Assert.StartsWith("v1-", detail.Secret.Version, StringComparison.Ordinal);

        var list = await client.FetchAsync("/api/v1/secrets");
        foreach (var body in new[] { reply.Body, list.Body })
        {
            Assert.DoesNotContain(Names(JsonNode.Parse(body)!), n => n is "value" or "data" or "stringData");
        }

        var swept = await client.SendAsync(HttpMethod.Post, "/api/v1/secrets/sources/sandbox/sweeps");
        Assert.Equal(HttpStatusCode.OK, swept.Status);
        Assert.Equal(0, swept.Json<SecretSweepView>().Changes);
    }

    [Fact]
    public async Task Bad_filters_and_unknown_secrets_are_problems_and_every_role_may_read()
    {
        using var client = host.CreateClient();
        foreach (var (query, field) in new[] { ("expiringWithinDays=soon", "expiringWithinDays"), ("rotationOverdue=maybe", "rotationOverdue"), ("limit=0", "limit"), ("cursor=bogus", "cursor") })
        {
            var bad = await client.FetchAsync("/api/v1/secrets?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Contains(field, bad.Problem!.Errors!.Keys);
        }

        var missing = await client.FetchAsync("/api/v1/secrets/sandbox:nope");
        Assert.Equal((HttpStatusCode.NotFound, 404), (missing.Status, missing.Problem!.Status));
        var noSource = await client.SendAsync(HttpMethod.Post, "/api/v1/secrets/sources/nope/sweeps");
        Assert.Equal(HttpStatusCode.NotFound, noSource.Status);

        using var viewer = await host.CreateClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/secrets/" + SecretHost.DbPassword)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(HttpMethod.Post, "/api/v1/secrets/sources/sandbox/sweeps")).Status);
        using var anonymous = host.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.FetchAsync("/api/v1/secrets")).Status);
    }

    private static IEnumerable<string> Names(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value!).Prepend(p.Key)),
        JsonArray a => a.Where(i => i is not null).SelectMany(i => Names(i!)),
        _ => [],
    };
}
