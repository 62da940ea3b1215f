using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Ai;
using Qlrf.Ai.OpenAi;
using Qlrf.Api;
using Qlrf.Certificates;
using Qlrf.Channels;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.Evidence.Blobs;
using Qlrf.Connectors;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Durable.Functions;
using Qlrf.Functions.Hosting;
using Qlrf.Messaging.StorageQueues;
using Qlrf.Sandbox;
using Qlrf.Sandbox.Certificates;
using Qlrf.Sandbox.Secrets;
using Qlrf.Secrets;
using Qlrf.Store.Tables;
using Qlrf.Workflows;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Secrets;

namespace Qlrf.Functions.Api;

/// <summary>
/// The Api app: every HTTP endpoint, run through the same pipeline as the local host's, and durable clients.
/// Program runs it; the composition tests build it without running it.
/// </summary>
public static class ApiApp
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddQlrfFunctionsDefaults();
        builder.AddTableStore();
        builder.AddStorageQueueAssetChanges();
        builder.AddSandboxPlatform();
        builder.AddSandboxDrSimulator();
        builder.AddSandboxCertificates();
        builder.AddSandboxSecrets();
        builder.AddNotificationChannels();
        builder.AddCloudConnectors();
        builder.AddCloudExecutors();
        builder.AddDiscovery();
        builder.AddDrift();
        builder.AddCompliance();
        builder.AddDurableFunctionsRuntime();
        builder.AddWorkflowCore();
        builder.AddRollouts();
        builder.AddDrills();
        builder.AddCertificates();
        builder.AddSecrets();
        builder.AddCertificateRotations();
        builder.AddEvidencePacks();
        builder.AddEvidencePackBlobs();
        builder.AddSecretRotations();
        builder.AddAiCopilot();
        builder.AddAiModel();
        builder.AddQlrfApi();
        builder.Services.AddRouting();
        builder.Services.AddSingleton<ApiPipeline>();
        return builder;
    }
}
