using System.Security.Cryptography;

namespace Qlrf.Connectors;

/// <summary>
/// Exponential backoff with equal jitter: before attempt n+1 a connector waits a random time between
/// half and all of <c>BaseDelay * 2^(n-1)</c>, capped at <c>MaxDelay</c>, or the server's
/// <c>Retry-After</c> when that is longer (at most <see cref="MaxRetryAfter"/>).
/// </summary>
public static class Backoff
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public static TimeSpan Delay(ConnectorHttpOptions options, int attempt, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(options.BaseDelay.Ticks * Math.Pow(2, exponent), options.MaxDelay.Ticks);
        var half = (long)(ceiling / 2);
        var jittered = TimeSpan.FromTicks(half + (half > 0 ? RandomNumberGenerator.GetInt32(0, (int)Math.Min(half, int.MaxValue)) : 0));
        if (retryAfter is { } server && server > jittered)
        {
            return server > MaxRetryAfter ? MaxRetryAfter : server;
        }

        return jittered;
    }
}
