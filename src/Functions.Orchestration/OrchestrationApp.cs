using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Qlrf.Certificates;
using Qlrf.Ai;
using Qlrf.Channels;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.Evidence.Blobs;
using Qlrf.Connectors;
using Qlrf.Discovery;
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

namespace Qlrf.Functions.Orchestration;

/// <summary>
/// The Orchestration app: orchestrators and activities on Durable Functions, and notification delivery. It
/// registers discovery too (no timers of it are bound here): a rollout sweeps the sources whose assets it changed,
/// and the sandbox executors find their sites through the configured sources. Certificate sweeps run here too (their
/// alerts go to the channels), with the rotations they lead to. Program runs it; the composition
/// tests build it without running it.
/// </summary>
public static class OrchestrationApp
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
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
        builder.AddDurableFunctionsRuntime();
        builder.AddWorkflowCore();
        builder.AddRollouts();
        builder.AddDrills();
        builder.AddCertificates();
        builder.AddSecrets();
        builder.AddCertificateRotations();
        builder.AddComplianceEvaluation();
        builder.AddEvidencePacks();
        builder.AddEvidencePackBlobs();
        builder.AddSecretRotations();
        builder.AddAiTaskWorkflow();
        return builder;
    }
}
