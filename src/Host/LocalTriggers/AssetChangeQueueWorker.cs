using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Messaging;
using Qlrf.Store.Sqlite;
using Qlrf.Triggers;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// The local equivalent of the Service Bus trigger: receives batches from the embedded asset-change queue and
/// hands them to the registered queue function for <see cref="AssetChanged"/> (<see cref="QueueBatch"/>).
/// Unreadable and failing messages are abandoned, and dead-lettered after the last allowed delivery.
/// </summary>
internal sealed class AssetChangeQueueWorker(
    IAssetChangeQueue queue,
    IOptions<QueueFunctionRegistry> registry,
    IServiceProvider services,
    IOptions<QueueOptions> options,
    ILogger<AssetChangeQueueWorker> logger) : BackgroundService
{
    /// <summary>How long an idle consumer waits before looking again without a signal (for retries coming due).</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var function = registry.Value.For<AssetChanged>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await queue.ReceiveAsync(options.Value.BatchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    await queue.WaitForMessagesAsync(IdleWait, stoppingToken);
                    continue;
                }

                await QueueBatch.ProcessAsync(
                    batch,
                    d => d.Message,
                    (messages, ct) => function.Run(services, messages, ct),
                    (deliveries, ct) => queue.CompleteAsync(deliveries, ct),
                    AbandonAsync,
                    AbandonAsync,
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostLogs.WorkerFaulted(logger, ex);
                await queue.WaitForMessagesAsync(IdleWait, stoppingToken);
            }
        }
    }

    private async Task AbandonAsync(QueueDelivery<AssetChanged> delivery, string error, CancellationToken cancellationToken)
    {
        HostLogs.MessageFailed(logger, delivery.MessageId, delivery.DeliveryCount, error);
        await queue.AbandonAsync(delivery, error, cancellationToken);
    }
}
