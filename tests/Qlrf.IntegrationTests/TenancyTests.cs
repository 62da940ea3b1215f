using System.Net;
using Qlrf.Api;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>
/// Tokens and audit chains per organisation. Every route tried by another organisation's admin with the first one's
/// ids is in <see cref="Isolation.OrganisationIsolationTests"/>.
/// </summary>
public sealed class TenancyTests(InventoryApiFixture fixture) : IClassFixture<InventoryApiFixture>
{
    private QlrfHost Host => fixture.Host;

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
