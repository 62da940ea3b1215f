using Qlrf.Inventory;

namespace Qlrf.Connectors.Vsphere;

/// <summary>
/// Maps a vCenter VM to an asset: id <c>vsphere://{vcenter}/{vm}</c>, its vSphere tags as tags (category
/// to tag name; several tags of one category joined by commas), the tag of the environment category as
/// environment, and the template named by the template category's tag as image: family and version from
/// the template's name, and its content library item as reference.
/// </summary>
internal sealed class VmAssetMapper(VsphereSourceOptions options)
{
    private readonly ImageNamePattern pattern = new(options.ImageNamePattern);

    public static string SiteName(string vcenter, string datacenter) => SiteNames.Of("vsphere", vcenter, datacenter);

    public Asset Map(string vcenter, string datacenter, VmSummary vm, IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, LibraryItem> templates)
    {
        var template = tags.GetValueOrDefault(options.TemplateTagCategory);
        var item = template is null ? null : templates.GetValueOrDefault(template);
        return new Asset
        {
            Id = $"vsphere://{vcenter}/{vm.Vm}",
            Name = vm.Name,
            Platform = Platform.Vsphere,
            Site = SiteName(vcenter, datacenter),
            Environment = tags.GetValueOrDefault(options.EnvironmentTag) ?? options.DefaultEnvironment,
            Image = template is null ? null : pattern.Resolve(null, null, template, item is null ? null : $"content-library/{item.LibraryId}/{item.Id}"),
            Tags = tags,
            State = vm.PowerState switch
            {
                "POWERED_ON" => AssetState.Running,
                "POWERED_OFF" or "SUSPENDED" => AssetState.Stopped,
                _ => AssetState.Unknown,
            },
            Health = AssetHealth.Unknown,
        };
    }
}
