using Qlrf.Connectors.Tests.Support;
using Qlrf.Connectors.Vsphere;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests.Vsphere;

/// <summary>vCenters on a loopback port (<c>/vc1</c>, <c>/vc2</c>) serving recorded vCenter REST answers.</summary>
public static class VsphereFixture
{
    public const string Password = "Sup3r-Secret!vc";

    public static Dictionary<string, string?> Settings(FixtureServer server, params string[] vcenters)
    {
        var settings = new Dictionary<string, string?> { ["Kind"] = "vsphere" };
        for (var i = 0; i < vcenters.Length; i++)
        {
            settings[$"Vcenters:{i}:Name"] = vcenters[i];
            settings[$"Vcenters:{i}:Url"] = $"{server.BaseUrl}/{vcenters[i]}";
            settings[$"Vcenters:{i}:UsernameVariable"] = Support.Settings.Variable("svc-qlrf@vsphere.local");
            settings[$"Vcenters:{i}:PasswordVariable"] = Support.Settings.Variable(Password);
        }

        return settings;
    }

    public static IAssetSource Create(Dictionary<string, string?> settings, InstantTimeProvider time, LogCapture? logs = null)
    {
        var factory = new VsphereAssetSourceFactory(logs ?? new LogCapture(), time);
        var section = Support.Settings.Section("vsphere-dc", settings);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(Support.Settings.Definition("vsphere-dc", "vsphere"), section);
    }

    public static Func<RecordedRequest, bool> Get(string vcenter, string path, string query = "") =>
        r => r.Method == "GET" && r.Path == $"/{vcenter}/api/{path}" && r.Query == query;

    /// <summary>A whole vCenter: London lists at once, Frankfurt has too many VMs and is listed host by host.</summary>
    public static FixtureServer ServeVcenter(this FixtureServer server, string vc) => server
        .On(r => r.Method == "POST" && r.Path == $"/{vc}/api/session", Answer.Fixture("vsphere/session.json", 201))
        .On(r => r.Method == "DELETE" && r.Path == $"/{vc}/api/session", Answer.Text(string.Empty, 204))
        .On(Get(vc, "content/library"), Answer.Fixture("vsphere/libraries.json"))
        .On(Get(vc, "content/library/item", "?library_id=6c2a7e38-3b4a-4a8e-9f0b-1d2c3e4f5a6b"), Answer.Fixture("vsphere/library-items.json"))
        .On(Get(vc, "content/library/item/a1f0e2d3-c4b5-4a69-8778-695a4b3c2d1e"), Answer.Fixture("vsphere/item-ubuntu.json"))
        .On(Get(vc, "content/library/item/b2e1f0a9-d8c7-4b6a-9584-736251403f2e"), Answer.Fixture("vsphere/item-rhel.json"))
        .On(Get(vc, "content/library/item/c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f"), Answer.Fixture("vsphere/item-iso.json"))
        .On(Get(vc, "vcenter/datacenter"), Answer.Fixture("vsphere/datacenters.json"))
        .On(Get(vc, "vcenter/vm", "?datacenters=datacenter-21"), Answer.Fixture("vsphere/vms-london.json"))
        .On(Get(vc, "vcenter/vm", "?datacenters=datacenter-57"), Answer.Fixture("vsphere/too-many-vms.json", 500))
        .On(Get(vc, "vcenter/host", "?datacenters=datacenter-57"), Answer.Fixture("vsphere/hosts-frankfurt.json"))
        .On(Get(vc, "vcenter/vm", "?hosts=host-201"), Answer.Fixture("vsphere/vms-host-201.json"))
        .On(Get(vc, "vcenter/vm", "?hosts=host-202"), Answer.Fixture("vsphere/vms-host-202.json"))
        .On(r => r.Method == "POST" && r.Path == $"/{vc}/api/cis/tagging/tag-association", Answer.Fixture("vsphere/attached-tags.json"))
        .On(Get(vc, "cis/tagging/tag/urn:vmomi:InventoryServiceTag:0e8c1b3a-9d2e-4f5a-8b7c-6d5e4f3a2b1c:GLOBAL"), Answer.Fixture("vsphere/tag-prod.json"))
        .On(Get(vc, "cis/tagging/tag/urn:vmomi:InventoryServiceTag:7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d:GLOBAL"), Answer.Fixture("vsphere/tag-ubuntu-template.json"))
        .On(Get(vc, "cis/tagging/tag/urn:vmomi:InventoryServiceTag:1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e:GLOBAL"), Answer.Fixture("vsphere/tag-team-web.json"))
        .On(Get(vc, "cis/tagging/tag/urn:vmomi:InventoryServiceTag:2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f:GLOBAL"), Answer.Fixture("vsphere/tag-team-payments.json"))
        .On(Get(vc, "cis/tagging/tag/urn:vmomi:InventoryServiceTag:3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a:GLOBAL"), Answer.Fixture("vsphere/tag-rhel-template.json"))
        .On(Get(vc, "cis/tagging/category/urn:vmomi:InventoryServiceCategory:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a:GLOBAL"), Answer.Fixture("vsphere/category-environment.json"))
        .On(Get(vc, "cis/tagging/category/urn:vmomi:InventoryServiceCategory:8e7d6c5b-4a39-4281-9706-5f4e3d2c1b0a:GLOBAL"), Answer.Fixture("vsphere/category-template.json"))
        .On(Get(vc, "cis/tagging/category/urn:vmomi:InventoryServiceCategory:7d6c5b4a-3928-4170-8695-4e3d2c1b0a9f:GLOBAL"), Answer.Fixture("vsphere/category-team.json"));
}
