using System.Text;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Vsphere;

public sealed class VsphereAssetSourceTests
{
    [Fact]
    public async Task A_session_is_opened_with_basic_auth_used_for_every_call_and_closed()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeVcenter("vc1");

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1"), new InstantTimeProvider()).DiscoverAsync(new RecordingSink(), CancellationToken.None);

        var requests = server.Requests.ToList();
        var login = requests[0];
        Assert.Equal(("POST", "/vc1/api/session"), (login.Method, login.Path));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-qlrf@vsphere.local:" + VsphereFixture.Password)), login.Header("Authorization"));
        Assert.All(requests.Skip(1), r => Assert.Equal("b00db39f948d13ea1e59b4d6fce11fbc", r.Header("vmware-api-session-id")));
        Assert.Equal(("DELETE", "/vc1/api/session"), (requests[^1].Method, requests[^1].Path));
    }

    [Fact]
    public async Task A_datacenter_with_too_many_vms_is_listed_host_by_host()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeVcenter("vc1");
        var sink = new RecordingSink();

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(5, sink.Assets.Count);
        Assert.Single(server.Requests, r => r.Query == "?datacenters=datacenter-57" && r.Path.EndsWith("/vcenter/vm", StringComparison.Ordinal));
        Assert.Equal(["?hosts=host-201", "?hosts=host-202"], server.Requests.Where(r => r.Query.StartsWith("?hosts=", StringComparison.Ordinal)).Select(r => r.Query).Order());
        Assert.Equal(["vsphere-vc1-dc-frankfurt", "vsphere-vc1-dc-london"], sink.Sites.Keys.Order());
        Assert.Equal(new Site("vsphere-vc1-dc-london", Platform.Vsphere, "DC-London", SiteKind.DataCentre), sink.Sites["vsphere-vc1-dc-london"]);
    }

    [Fact]
    public async Task Vms_are_normalised_with_their_template_tags_and_environment()
    {
        await using var server = await FixtureServer.StartAsync();
        server.ServeVcenter("vc1");
        var sink = new RecordingSink();

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var app = sink.Asset("vsphere://vc1/vm-1042");
        Assert.Equal("app-prod-lon-01", app.Name);
        Assert.Equal("vsphere-vc1-dc-london", app.Site);
        Assert.Equal("prod", app.Environment);
        Assert.Equal(
            new ImageRef("ubuntu-2204-base", "1.4.0", "content-library/6c2a7e38-3b4a-4a8e-9f0b-1d2c3e4f5a6b/a1f0e2d3-c4b5-4a69-8778-695a4b3c2d1e"),
            app.Image);
        Assert.Equal("payments,web", app.Tags["team"]);
        Assert.Equal(AssetState.Running, app.State);

        var stopped = sink.Asset("vm-1043");
        Assert.Null(stopped.Image);
        Assert.Equal(AssetState.Stopped, stopped.State);

        var jump = sink.Asset("vm-1050");
        Assert.Equal("unassigned", jump.Environment);
        Assert.Empty(jump.Tags);

        Assert.Equal(new ImageRef("rhel-9-base", "2.0.1", "content-library/6c2a7e38-3b4a-4a8e-9f0b-1d2c3e4f5a6b/b2e1f0a9-d8c7-4b6a-9584-736251403f2e"), sink.Asset("vm-2002").Image);
        // Each tag and category is looked up once per vCenter, however many VMs carry it.
        Assert.Equal(3, server.Requests.Count(r => r.Path.Contains("/cis/tagging/category/", StringComparison.Ordinal)));
        Assert.Equal(5, server.Requests.Count(r => r.Path.Contains("/cis/tagging/tag/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_expired_session_is_opened_again_once()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(VsphereFixture.Get("vc1", "vcenter/datacenter"), Answer.Fixture("vsphere/unauthenticated.json", 401), Answer.Fixture("vsphere/datacenters.json"));
        server.ServeVcenter("vc1");
        var sink = new RecordingSink();

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST" && r.Path == "/vc1/api/session"));
        Assert.Equal(5, sink.Assets.Count);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_then_succeeds()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(VsphereFixture.Get("vc1", "vcenter/datacenter"), Answer.Fixture("vsphere/service-unavailable.json", 503), Answer.Fixture("vsphere/datacenters.json"));
        server.ServeVcenter("vc1");
        var time = new InstantTimeProvider();

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1"), time).DiscoverAsync(new RecordingSink(), CancellationToken.None);

        Assert.Single(time.Delays);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/vc1/api/vcenter/datacenter"));
    }

    [Fact]
    public async Task A_malformed_answer_fails_its_vcenter_only_and_the_password_is_never_logged()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(VsphereFixture.Get("vc2", "vcenter/vm", "?datacenters=datacenter-21"), Answer.Fixture("vsphere/vms-malformed.json"));
        server.ServeVcenter("vc1").ServeVcenter("vc2");
        var logs = new LogCapture();
        var sink = new RecordingSink();

        await VsphereFixture.Create(VsphereFixture.Settings(server, "vc1", "vc2"), new InstantTimeProvider(), logs).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(5, sink.Assets.Count(a => a.Id.StartsWith("vsphere://vc1/", StringComparison.Ordinal)));
        var failure = Assert.Single(sink.Failures);
        Assert.Equal("vsphere-dc/vc2", failure.Scope);
        Assert.StartsWith("Source 'vsphere-dc', vCenter vc2: VMs of datacenter-21 vc2: malformed response:", failure.Message);
        Assert.Single(server.Requests, r => r.Method == "DELETE" && r.Path == "/vc2/api/session");
        Assert.DoesNotContain(logs.Lines, l => l.Contains(VsphereFixture.Password, StringComparison.Ordinal) || l.Contains("b00db39f948d13ea1e59b4d6fce11fbc", StringComparison.Ordinal));
    }
}
