using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors;
using Qlrf.Discovery;
using Qlrf.Functions.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Functions.Hosting;
using Qlrf.Messaging.StorageQueues;
using Qlrf.Sandbox;
using Qlrf.Store.Tables;

// The Discovery app: the sweep timer, the asset-change queue's trigger and the daily drift snapshot.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddQlrfFunctionsDefaults();
builder.AddTableStore();
builder.AddStorageQueueAssetChanges();
builder.AddSandboxPlatform();
builder.AddCloudConnectors();
builder.AddDiscovery();
builder.AddDrift();
builder.Build().Run();
