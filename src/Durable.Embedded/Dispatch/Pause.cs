namespace Qlrf.Durable;

/// <summary>Waits that end quietly when the host stops (for the loops' error paths).</summary>
internal static class Pause
{
    /// <summary>How long a dispatcher waits after a failed store write before it tries again.</summary>
    public static readonly TimeSpan AfterFault = TimeSpan.FromMilliseconds(50);

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
