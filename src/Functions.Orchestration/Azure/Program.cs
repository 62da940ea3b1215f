using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Qlrf.Channels;
using Qlrf.Durable.Functions;
using Qlrf.Functions.Hosting;
using Qlrf.Functions.Orchestration;
using Qlrf.Functions.Orchestration.Drills;
using Qlrf.Sandbox;
using Qlrf.Store.Tables;

// The Orchestration app: orchestrators and activities on Durable Functions, and notification delivery.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddQlrfFunctionsDefaults();
builder.AddTableStore();
builder.AddSandboxPlatform();
builder.AddSandboxDrSimulator();
builder.AddNotificationChannels();
builder.AddDurableFunctionsRuntime();
builder.AddWorkflowCore();
builder.AddDrills();
builder.Build().Run();
