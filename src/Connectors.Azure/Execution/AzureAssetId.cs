using Azure.Core;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// An Azure asset id (an ARM resource id, lower-cased by discovery): a standalone VM
/// (<c>…/virtualMachines/{name}</c>) or a uniform scale set's instance (<c>…/virtualMachineScaleSets/{set}/virtualMachines/{n}</c>).
/// </summary>
internal sealed record AzureAssetId(ResourceIdentifier Id, string Subscription, ResourceIdentifier? ScaleSet, string? InstanceId)
{
    public bool IsScaleSetInstance => ScaleSet is not null;

    public static AzureAssetId Parse(string assetId)
    {
        ResourceIdentifier id;
        string type;
        try
        {
            // ResourceIdentifier parses lazily: its type is read here so a malformed id fails here.
            id = new ResourceIdentifier(assetId);
            type = id.ResourceType.ToString();
        }
        catch (FormatException ex)
        {
            throw new Qlrf.Execution.ExecutorException($"'{assetId}' is not an Azure resource id.", ex);
        }

        if (id.SubscriptionId is null)
        {
            throw new Qlrf.Execution.ExecutorException($"'{assetId}' names no subscription.");
        }

        if (string.Equals(type, "Microsoft.Compute/virtualMachineScaleSets/virtualMachines", StringComparison.OrdinalIgnoreCase) && id.Parent is { } parent)
        {
            return new AzureAssetId(id, id.SubscriptionId, parent, id.Name);
        }

        if (string.Equals(type, "Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase))
        {
            return new AzureAssetId(id, id.SubscriptionId, null, null);
        }

        throw new Qlrf.Execution.ExecutorException($"'{assetId}' is a {type}, not a VM or a scale-set instance.");
    }
}
