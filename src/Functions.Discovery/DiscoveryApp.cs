using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Qlrf.Compliance;
using Qlrf.Connectors;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Functions.Hosting;
using Qlrf.Messaging.StorageQueues;
using Qlrf.Sandbox;
using Qlrf.Store.Tables;

namespace Qlrf.Functions.Discovery;

/// <summary>
/// The Discovery app: the sweep timer, the asset-change queue's trigger (drift and compliance upkeep) and the daily drift and compliance snapshots. Program runs
/// it; the composition tests build it without running it.
/// </summary>
public static class DiscoveryApp
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.AddQlrfFunctionsDefaults();
        builder.AddTableStore();
        builder.AddStorageQueueAssetChanges();
        builder.AddSandboxPlatform();
        builder.AddCloudConnectors();
        builder.AddDiscovery();
        builder.AddDrift();
        builder.AddCompliance();
        return builder;
    }
}
