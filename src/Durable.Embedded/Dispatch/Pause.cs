using Qlrf.Store.Sqlite;

namespace Qlrf.Durable;

/// <summary>Waits that end quietly when the host stops (for the loops' error paths).</summary>
internal static class Pause
{
    public static async Task QuietlyAsync(AsyncSignal signal, TimeSpan wait, TimeProvider time, CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(wait, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public static async Task QuietlyAsync(TimeSpan wait, TimeProvider time, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
