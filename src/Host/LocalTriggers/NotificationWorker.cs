using Qlrf.Channels.Delivery;
using Qlrf.Store.Sqlite;

namespace Qlrf.Host.LocalTriggers;

/// <summary>Delivers notifications as they are enqueued (signalled in process) and retries come due.</summary>
internal sealed class NotificationWorker(NotificationDispatcher dispatcher, SqliteNotificationOutbox outbox, ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.DeliverDueAsync(stoppingToken) == 0)
                {
                    await outbox.WaitAsync(IdleWait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostLogs.NotificationWorkerFaulted(logger, ex);
                await outbox.WaitAsync(IdleWait, stoppingToken);
            }
        }
    }
}
