using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// Discovers VMs and VM scale set instances in every configured subscription (or every subscription the
/// identity sees) through Azure.ResourceManager.Compute, with their image references and power states.
/// The SDK's pages stream through; a subscription that cannot be read makes the sweep partial.
/// </summary>
public sealed class AzureAssetSource : IAssetSource, IDisposable
{
    private readonly AssetSourceDefinition definition;
    private readonly AzureSourceOptions options;
    private readonly ILogger logger;
    private readonly ArmConnection connection;
    private readonly ArmClient arm;
    private readonly AzureVmMapper mapper;

    internal AzureAssetSource(AssetSourceDefinition definition, AzureSourceOptions options, string settingPath, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.logger = logger;
        connection = new ArmConnection(options, settingPath, time, logger);
        arm = connection.Client;
        mapper = new AzureVmMapper(options);
    }

    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    public async Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var subscriptions = options.Subscriptions.Count > 0 ? options.Subscriptions.ToList() : await VisibleSubscriptionsAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            throw new ConnectorException($"Source '{Name}': the identity can see no subscription; grant it Reader on each subscription to read, or list them under Subscriptions.");
        }

        await ScopeSweep.RunAsync(
            Name,
            subscriptions,
            options.MaxParallelScopes,
            sink,
            logger,
            "azure",
            s => new SweepScope($"{Name}/{s}", $"subscription {s}"),
            ReadSubscriptionAsync,
            cancellationToken);
    }

    private async Task<List<string>> VisibleSubscriptionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ids = new List<string>();
            await foreach (var subscription in arm.GetSubscriptions().GetAllAsync(cancellationToken))
            {
                ids.Add(subscription.Data.SubscriptionId);
            }

            return ids;
        }
        catch (RequestFailedException ex)
        {
            throw new ConnectorException($"Source '{Name}': listing the visible subscriptions failed: {Describe(ex)}", ex);
        }
    }

    private async Task ReadSubscriptionAsync(string subscriptionId, ISweepSink sink, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscriptionId));
            var (vms, instances) = (0, 0);
            await foreach (var vm in subscription.GetVirtualMachinesAsync(expand: ExpandTypesForListVm.InstanceView, cancellationToken: cancellationToken))
            {
                Add(sink, subscriptionId, vm.Data.Location.Name, mapper.Map(subscriptionId, vm.Data));
                vms++;
            }

            await foreach (var scaleSet in subscription.GetVirtualMachineScaleSetsAsync(cancellationToken))
            {
                if (scaleSet.Data.OrchestrationMode == OrchestrationMode.Flexible)
                {
                    // Flexible scale sets' VMs are ordinary VMs, listed above.
                    continue;
                }

                await foreach (var instance in scaleSet.GetVirtualMachineScaleSetVms().GetAllAsync(expand: "instanceView", cancellationToken: cancellationToken))
                {
                    Add(sink, subscriptionId, instance.Data.Location.Name, mapper.Map(subscriptionId, scaleSet.Data, instance.Data));
                    instances++;
                }
            }

            AzureLogs.SubscriptionRead(logger, Name, vms, instances, subscriptionId);
        }
        catch (RequestFailedException ex)
        {
            throw new ConnectorException(Describe(ex), ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new MalformedResponseException($"ARM compute lists of {subscriptionId}", ex.Message, ex);
        }
    }

    private static void Add(ISweepSink sink, string subscription, string location, Asset asset)
    {
        sink.AddSite(new Site(AzureVmMapper.SiteName(subscription, location), Platform.Azure, location, SiteKind.CloudRegion));
        sink.AddAsset(asset);
    }

    /// <summary>An ARM error as "HTTP 403 AuthorizationFailed: message" without the SDK's multi-line dump of headers.</summary>
    private static string Describe(RequestFailedException ex)
    {
        var first = ex.Message.Split('\n', 2)[0].Trim();
        return $"HTTP {ex.Status} {ex.ErrorCode}: {first}".Replace(" : ", ": ", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        connection.Dispose();
    }
}
