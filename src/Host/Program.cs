using Qlrf.Ai;
using Qlrf.Ai.OpenAi;
using Qlrf.Channels;
using Qlrf.Connectors;
using Qlrf.Durable;
using Qlrf.Api;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Workflows;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Drills;
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
builder.AddCloudExecutors();
builder.AddDiscovery();
builder.AddDrift();
builder.AddEmbeddedDurableRuntime();
builder.AddWorkflowCore();
builder.AddRollouts();
builder.AddDrills();
builder.AddAiCopilot();
builder.AddAiModel();
builder.AddQlrfApi();
builder.AddLocalTriggers();

var app = builder.Build();
app.MapQlrfApi();
return await app.RunLocalHostAsync();

/// <summary>The local host: all of QL-RF in one process. Public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
