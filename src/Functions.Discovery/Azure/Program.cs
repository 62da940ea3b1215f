using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors;
using Qlrf.Functions.Discovery;
using Qlrf.Functions.Discovery.AzureFunctions;
using Qlrf.Functions.Discovery.Drift;
using Qlrf.Functions.Hosting;
using Qlrf.Messaging.ServiceBus;
using Qlrf.Sandbox;
using Qlrf.Store.Tables;

// The Discovery app: the sweep timer, the asset-change queue's trigger and the daily drift snapshot.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddQlrfFunctionsDefaults();
builder.AddTableStore();
builder.AddServiceBusAssetChanges();
builder.AddSandboxPlatform();
builder.AddCloudConnectors();
builder.AddDiscovery();
builder.AddDrift();
builder.Services.AddSingleton<ServiceBusQueueRunner>();
builder.Build().Run();
