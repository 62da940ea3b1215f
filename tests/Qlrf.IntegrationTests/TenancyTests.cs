using System.Net;
using Qlrf.Functions.Api;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>
/// Every endpoint tried by an admin of another organisation, with the first organisation's ids: nothing of
/// the first shows, nothing is 403 (which would tell that it exists), and its resources are untouched.
/// </summary>
public sealed class TenancyTests(InventoryApiFixture fixture) : IClassFixture<InventoryApiFixture>
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task Every_endpoint_tried_from_another_organisation_finds_nothing_of_the_first()
    {
        using var acme = Host.CreateClient();
        var assetId = (await Host.AllAssetsAsync())[0].Id;
        var runId = (await Host.GetJsonAsync<PageDto<Qlrf.Discovery.SweepRun>>("/api/v1/discovery/runs")).Items[0].Id;
        var binding = (await acme.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"alice","role":"engineer"}""")).Json<BindingDto>();
        var key = (await acme.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"ci","role":"viewer"}""")).Json<CreatedKeyDto>();
        var samples = new Dictionary<string, string>
        {
            [Routes.Asset] = assetId,
            [Routes.DiscoveryRun] = runId,
            [Routes.RbacBinding] = binding.Id,
            [Routes.ApiKey] = key.ApiKey.Id,
        };
        string[] marks = [assetId, runId, binding.Id, key.ApiKey.Id, "key:" + Host.AdminKey.Split('_')[2]];

        using var globex = await Host.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);
        var wrong = new List<string>();
        foreach (var route in Host.Routes().Where(r => !r.IsPublic).OrderBy(r => r.Method == "DELETE"))
        {
            var sample = samples.GetValueOrDefault(route.Pattern);
            var reply = await globex.SendAsync(new HttpMethod(route.Method), route.Path(_ => sample), route.Body);
            // A 404 echoes the id asked for; only an answer with content could leak.
            if (reply.Status == HttpStatusCode.Forbidden || (reply.Response.IsSuccessStatusCode && marks.Any(m => reply.Body.Contains(m, StringComparison.Ordinal)))
                || (sample is not null && reply.Status != HttpStatusCode.NotFound))
            {
                wrong.Add($"{route}: {(int)reply.Status} {reply.Body[..Math.Min(200, reply.Body.Length)]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(HttpStatusCode.OK, (await acme.FetchAsync($"/api/v1/rbac/bindings/{binding.Id}")).Status);
        using var acmeKey = Host.CreateClientWith(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await acmeKey.FetchAsync($"/api/v1/assets/{assetId}")).Status);
    }

    [Fact]
    public async Task A_token_for_another_organisation_sees_only_that_organisation()
    {
        using var globexUser = Host.CreateUserClient("wile@globex.example", Access.OtherOrganisation, Role.Viewer);

        var me = (await globexUser.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>();
        var assets = (await globexUser.FetchAsync("/api/v1/assets")).Json<PageDto<AssetDto>>();

        Assert.Equal(Access.OtherOrganisation, me.Organisation);
        Assert.Empty(assets.Items);
    }

    [Fact]
    public async Task Each_organisation_has_its_own_audit_chain()
    {
        using var acme = Host.CreateClient();
        using var globex = await Host.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);
        await globex.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"wile","role":"viewer"}""");
        await acme.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"road-runner","role":"viewer"}""");

        var acmeLog = (await acme.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items;
        var globexLog = (await globex.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items;

        Assert.All(acmeLog, e => Assert.Equal("acme", e.Organisation));
        Assert.All(globexLog, e => Assert.Equal(Access.OtherOrganisation, e.Organisation));
        Assert.Contains(globexLog, e => e.Details.GetValueOrDefault("subject") == "wile");
        Assert.DoesNotContain(acmeLog, e => e.Details.GetValueOrDefault("subject") == "wile");
        Assert.True((await acme.FetchAsync("/api/v1/audit/verify")).Json<VerificationDto>().Verified);
        Assert.True((await globex.FetchAsync("/api/v1/audit/verify")).Json<VerificationDto>().Verified);
    }
}
