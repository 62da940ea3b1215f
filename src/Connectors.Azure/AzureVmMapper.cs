using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// Maps VMs and scale-set instances to assets: the resource id (lower-cased; ARM ids ignore case) as id,
/// the tags as tags (a scale-set instance also gets its scale set's tags, and <c>azure:scale-set</c>),
/// the environment tag as environment, the image reference as image, and the power state as state.
/// </summary>
internal sealed class AzureVmMapper(AzureSourceOptions options)
{
    private readonly ImageNamePattern pattern = new(options.ImageNamePattern);

    public static string SiteName(string subscription, string location) => SiteNames.Of("azure", subscription, location);

    public Asset Map(string subscription, VirtualMachineData vm) => Asset(
        vm.Id!.ToString(),
        vm.Name,
        subscription,
        vm.Location.Name,
        vm.Tags,
        vm.StorageProfile?.ImageReference,
        vm.InstanceView?.Statuses);

    public Asset Map(string subscription, VirtualMachineScaleSetData scaleSet, VirtualMachineScaleSetVmData instance)
    {
        var tags = new Dictionary<string, string>(scaleSet.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in instance.Tags)
        {
            tags[key] = value;
        }

        tags["azure:scale-set"] = scaleSet.Name;
        return Asset(
            instance.Id!.ToString(),
            instance.OSProfile?.ComputerName ?? instance.Name,
            subscription,
            instance.Location.Name,
            tags,
            instance.StorageProfile?.ImageReference ?? scaleSet.VirtualMachineProfile?.StorageProfile?.ImageReference,
            instance.InstanceView?.Statuses);
    }

    private Asset Asset(string id, string name, string subscription, string location, IDictionary<string, string> tags, ImageReference? image, IEnumerable<InstanceViewStatus>? statuses) => new()
    {
        Id = id.ToLowerInvariant(),
        Name = name,
        Platform = Platform.Azure,
        Site = SiteName(subscription, location),
        Environment = tags.FirstOrDefault(t => string.Equals(t.Key, options.EnvironmentTag, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } env ? env : options.DefaultEnvironment,
        Image = AzureImageReference.Resolve(image, pattern),
        Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
        State = State(statuses),
        Health = AssetHealth.Unknown,
    };

    /// <summary>An instance's state from the <c>PowerState/…</c> status of its instance view.</summary>
    public static AssetState State(IEnumerable<InstanceViewStatus>? statuses) =>
        statuses?.Select(s => s.Code).FirstOrDefault(c => c?.StartsWith("PowerState/", StringComparison.Ordinal) == true) switch
        {
            "PowerState/running" => AssetState.Running,
            "PowerState/starting" => AssetState.Pending,
            "PowerState/stopped" or "PowerState/stopping" or "PowerState/deallocated" or "PowerState/deallocating" => AssetState.Stopped,
            _ => AssetState.Unknown,
        };
}
