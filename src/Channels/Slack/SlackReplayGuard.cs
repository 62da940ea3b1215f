using System.Collections.Concurrent;

namespace Qlrf.Channels.Slack;

/// <summary>
/// Remembers the signatures of verified Slack requests for as long as their timestamp could still pass
/// (<see cref="SlackSignature.Tolerance"/> either side of now), so the exact same request sent again is
/// refused. Per process: across instances, the approval's own state still refuses a second decision.
/// Memory is bounded by the callback rate limit times the window.
/// </summary>
public sealed class SlackReplayGuard(TimeProvider time)
{
    private static readonly TimeSpan Remember = SlackSignature.Tolerance * 2;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private long calls;

    /// <summary>True the first time a signature is presented within the window; false for a replay.</summary>
    public bool FirstSeen(string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref calls) % 256 == 0)
        {
            Forget(now);
        }

        return seen.TryAdd(signature, now + Remember) || Renew(signature, now);
    }

    /// <summary>An entry left over from an earlier window (not yet swept) does not make a new request a replay.</summary>
    private bool Renew(string signature, DateTimeOffset now) =>
        seen.TryGetValue(signature, out var until) && until <= now && seen.TryUpdate(signature, now + Remember, until);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (signature, until) in seen)
        {
            if (until <= now)
            {
                seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(signature, until));
            }
        }
    }
}
