using Qlrf.Certificates;
using Qlrf.Channels;
using Qlrf.Connectors;
using Qlrf.Durable;
using Qlrf.Api;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Workflows;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Drills;
using Qlrf.Host;
using Qlrf.Host.ControlTower;
using Qlrf.Sandbox;
using Qlrf.Sandbox.Certificates;
using Qlrf.Store.Sqlite;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostDefaults();
builder.AddSqliteStore();
builder.AddSandboxPlatform();
builder.AddSandboxDrSimulator();
builder.AddSandboxCertificates();
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
builder.AddCertificates();
builder.AddCertificateStartupSweeps();
builder.AddCertificateRotations();
builder.AddQlrfApi();
builder.AddLocalTriggers();

var app = builder.Build();
app.UseControlTower();
app.MapQlrfApi();
return await app.RunLocalHostAsync();

/// <summary>The local host: all of QL-RF in one process. Public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
