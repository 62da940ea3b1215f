using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// DurableTask.Core with its Azure Storage backend (Microsoft.Azure.DurableTask.AzureStorage, what Durable Functions
/// runs on by default) against Azurite, with Durable Functions' default concurrency for this many cores and a short
/// queue polling interval. Completion is observed by polling the instance's status (the same Tables read a
/// Durable Functions client makes).
/// </summary>
internal sealed class AzureStorageEngine : IEngine
{
    private readonly Azurite azurite;
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;
    private readonly TaskHubClient client;
    private readonly AzureStorageOrchestrationServiceSettings settings;
    private readonly TimeSpan statusPoll;

    private AzureStorageEngine(Azurite azurite, AzureStorageOrchestrationServiceSettings settings, AzureStorageOrchestrationService service,
        TaskHubWorker worker, TaskHubClient client, TimeSpan statusPoll)
    {
        this.azurite = azurite;
        this.settings = settings;
        this.service = service;
        this.worker = worker;
        this.client = client;
        this.statusPoll = statusPoll;
    }

    public string Name => "DurableTask.Core + Azure Storage (Azurite)";

    public string Code => "native DurableTask.Core TaskOrchestration/TaskActivity ports of the same orchestrators (NativeWorkflows.cs)";

    public IReadOnlyList<string> Settings =>
    [
        $"Azurite {Azurite.Version} ({azurite.Executable}), in-memory persistence, blob/queue/table on 127.0.0.1:{azurite.Ports.Blob}/{azurite.Ports.Queue}/{azurite.Ports.Table}",
        $"task hub {settings.TaskHubName}: PartitionCount={settings.PartitionCount}, ControlQueueBatchSize={settings.ControlQueueBatchSize}, " +
            $"ControlQueueBufferThreshold={settings.ControlQueueBufferThreshold}",
        $"MaxConcurrentTaskOrchestrationWorkItems={settings.MaxConcurrentTaskOrchestrationWorkItems}, " +
            $"MaxConcurrentTaskActivityWorkItems={settings.MaxConcurrentTaskActivityWorkItems} (Durable Functions' defaults: 10 x {Environment.ProcessorCount} cores)",
        $"MaxQueuePollingInterval={settings.MaxQueuePollingInterval.TotalMilliseconds:F0} ms (Durable Functions' default is 30 s; idle queues back off up to it), " +
            $"ExtendedSessionsEnabled={settings.ExtendedSessionsEnabled}",
        $"completion observed by polling the instance status every {statusPoll.TotalMilliseconds:F0} ms",
    ];

    public string BoundBy => "Azurite's single Node.js process (every queue message and history row is an HTTP call to it), not Azure Storage's own limits";

    public static async Task<AzureStorageEngine> StartAsync(TimeSpan maxQueuePolling, TimeSpan statusPoll, ILoggerFactory loggers)
    {
        var azurite = await Azurite.StartAsync();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            TaskHubName = "qlrfbench",
            PartitionCount = 4,
            MaxConcurrentTaskOrchestrationWorkItems = 10 * Environment.ProcessorCount,
            MaxConcurrentTaskActivityWorkItems = 10 * Environment.ProcessorCount,
            MaxQueuePollingInterval = maxQueuePolling,
            LoggerFactory = loggers,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, loggers);
        worker.AddTaskOrchestrations(NativeWorkflows.Orchestrations);
        worker.AddTaskActivities(NativeWorkflows.Activities);
        await worker.StartAsync();
        return new AzureStorageEngine(azurite, settings, service, worker, new TaskHubClient(service, loggerFactory: loggers), statusPoll);
    }

    public async Task<string> StartAsync(string orchestrator, int input) =>
        (await client.CreateOrchestrationInstanceAsync(orchestrator, string.Empty, input)).InstanceId;

    public async Task WaitUntilRunningAsync(string instanceId)
    {
        while ((await client.GetOrchestrationStateAsync(instanceId))?.OrchestrationStatus is not OrchestrationStatus.Running)
        {
            await Task.Delay(statusPoll);
        }
    }

    public async Task<string?> WaitForCompletionAsync(string instanceId)
    {
        while (true)
        {
            var state = await client.GetOrchestrationStateAsync(instanceId);
            switch (state?.OrchestrationStatus)
            {
                case OrchestrationStatus.Completed:
                    return state.Output;
                case OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled:
                    throw new InvalidOperationException($"{Name}: instance {instanceId} ended {state.OrchestrationStatus}: {state.Output}");
                default:
                    await Task.Delay(statusPoll);
                    break;
            }
        }
    }

    public Task RaiseEventAsync(string instanceId, string eventName, int payload) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload);

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(isForced: true);
        worker.Dispose();
        service.Dispose();
        await azurite.DisposeAsync();
    }
}
