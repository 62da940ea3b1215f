using System.ComponentModel.DataAnnotations;

namespace Qlrf.Durable;

/// <summary>Settings of the embedded durable runtime, section <c>Qlrf:Durable</c>.</summary>
public sealed class DurableOptions
{
    public const string Section = "Qlrf:Durable";

    /// <summary>The largest custom status, in bytes of JSON (as on Durable Functions).</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>Actions (activities, timers, sub-orchestrations, sent events) one generation of an instance may schedule. Default 100,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Qlrf:Durable:MaxActions must be between 1 and 10000000.")]
    public int MaxActions { get; set; } = 100_000;

    /// <summary>The largest input, output, task result or event payload, in bytes of JSON. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Qlrf:Durable:MaxPayloadBytes must be between 1024 and 67108864.")]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a lease on an instance or an activity lasts; leases are renewed at a third of it while work runs. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Qlrf:Durable:LockTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Leases after which a work item that never completes fails with its last error instead of looping. Default 10.</summary>
    [Range(1, 1000, ErrorMessage = "Qlrf:Durable:MaxDispatchCount must be between 1 and 1000.")]
    public int MaxDispatchCount { get; set; } = 10;

    /// <summary>Activities running at once. Default 200.</summary>
    [Range(1, 10_000, ErrorMessage = "Qlrf:Durable:MaxConcurrentActivities must be between 1 and 10000.")]
    public int MaxConcurrentActivities { get; set; } = 200;

    /// <summary>Instances stepping at once. Default 500.</summary>
    [Range(1, 10_000, ErrorMessage = "Qlrf:Durable:MaxConcurrentOrchestrations must be between 1 and 10000.")]
    public int MaxConcurrentOrchestrations { get; set; } = 500;

    /// <summary>Inbox messages one step applies at most (a fan-in applies its results in batches of this). Default 10,000.</summary>
    [Range(1, 100_000, ErrorMessage = "Qlrf:Durable:MaxMessagesPerStep must be between 1 and 100000.")]
    public int MaxMessagesPerStep { get; set; } = 10_000;

    /// <summary>Running instances kept in memory between steps, so their next step needs no replay; 0 replays every step. Default 10,000.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Qlrf:Durable:MaxCachedInstances must be between 0 and 1000000.")]
    public int MaxCachedInstances { get; set; } = 10_000;

    /// <summary>How long Completed, Failed and Terminated instances are kept after they finish. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Qlrf:Durable:Retention must be between 01:00:00 and 3650.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often finished instances past their retention are purged. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Qlrf:Durable:PurgeInterval must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
