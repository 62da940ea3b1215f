using Qlrf.Channels;
using Qlrf.Connectors;
using Qlrf.Durable;
using Qlrf.Functions.Api;
using Qlrf.Functions.Discovery;
using Qlrf.Functions.Discovery.Drift;
using Qlrf.Functions.Orchestration;
using Qlrf.Functions.Orchestration.Rollouts;
using Qlrf.Functions.Orchestration.Drills;
using Qlrf.Host;
using Qlrf.Sandbox;
using Qlrf.Store.Sqlite;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostDefaults();
builder.AddSqliteStore();
builder.AddSandboxPlatform();
builder.AddSandboxDrSimulator();
builder.AddNotificationChannels();
builder.AddSampleImages();
builder.AddCloudConnectors();
builder.AddDiscovery();
builder.AddDrift();
builder.AddEmbeddedDurableRuntime();
builder.AddWorkflowCore();
builder.AddRollouts();
builder.AddDrills();
builder.AddQlrfApi();
builder.AddLocalTriggers();

var app = builder.Build();
app.MapQlrfApi();
return await app.RunLocalHostAsync();

/// <summary>The local host: all of QL-RF in one process. Public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
