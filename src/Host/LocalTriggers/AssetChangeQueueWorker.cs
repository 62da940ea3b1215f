using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Functions.Discovery;
using Qlrf.Messaging;
using Qlrf.Store.Sqlite;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// The local equivalent of the Service Bus trigger: receives batches from the embedded asset-change
/// queue, applies them, and completes them. A batch that fails is retried message by message, so one
/// bad message is abandoned (and in the end dead-lettered) without holding up the rest.
/// </summary>
internal sealed class AssetChangeQueueWorker(
    IAssetChangeQueue queue,
    AssetChangeFunctions functions,
    IOptions<QueueOptions> options,
    ILogger<AssetChangeQueueWorker> logger) : BackgroundService
{
    /// <summary>How long an idle consumer waits before looking again without a signal (for retries coming due).</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

                await ProcessAsync(batch, stoppingToken);
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

    private async Task ProcessAsync(IReadOnlyList<QueueDelivery<AssetChanged>> batch, CancellationToken cancellationToken)
    {
        foreach (var unreadable in batch.Where(d => d.Message is null))
        {
            await AbandonAsync(unreadable, "The message body is not an AssetChanged event.", cancellationToken);
        }

        var readable = batch.Where(d => d.Message is not null).ToList();
        try
        {
            await functions.ApplyAsync(readable.ConvertAll(d => d.Message!), cancellationToken);
            await queue.CompleteAsync(readable, cancellationToken);
            return;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && readable.Count > 1)
        {
            // Find the bad message(s): apply one at a time.
        }

        foreach (var delivery in readable)
        {
            try
            {
                await functions.ApplyAsync([delivery.Message!], cancellationToken);
                await queue.CompleteAsync([delivery], cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await AbandonAsync(delivery, ex.Message, cancellationToken);
            }
        }
    }

    private async Task AbandonAsync(QueueDelivery<AssetChanged> delivery, string error, CancellationToken cancellationToken)
    {
        HostLogs.MessageFailed(logger, delivery.MessageId, delivery.DeliveryCount, error);
        await queue.AbandonAsync(delivery, error, cancellationToken);
    }
}
