namespace Qlrf.Connectors;

/// <summary>
/// How a connector calls its platform's API, section <c>Http</c> of a source. Every call has a timeout;
/// throttling (429, 503 and the platform's own throttling codes) and transient failures are retried with
/// jittered exponential backoff, honouring <c>Retry-After</c>.
/// </summary>
public sealed class ConnectorHttpOptions
{
    /// <summary>How long one call may take, body included. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included. Default 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The backoff before the second attempt; it doubles per attempt. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff between attempts (a longer <c>Retry-After</c> is honoured up to 5 minutes). Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate(string path)
    {
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(10))
        {
            yield return $"{path}:Http:Timeout must be between 00:00:01 and 00:10:00.";
        }

        if (MaxAttempts is < 1 or > 20)
        {
            yield return $"{path}:Http:MaxAttempts must be between 1 and 20.";
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{path}:Http:BaseDelay must be between 00:00:00 and 00:01:00.";
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromMinutes(5))
        {
            yield return $"{path}:Http:MaxDelay must be at least Http:BaseDelay and at most 00:05:00.";
        }
    }
}
