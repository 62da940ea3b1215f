using System.ComponentModel.DataAnnotations;

namespace Qlrf.Store.Sqlite;

/// <summary>Settings of the embedded asset-change queue, section <c>Qlrf:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Qlrf:Queue";

    /// <summary>How long a received message stays invisible to other consumers. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00", ErrorMessage = "Qlrf:Queue:VisibilityTimeout must be between 00:00:01 and 12:00:00.")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries after which a message is dead-lettered. Default 5.</summary>
    [Range(1, 100, ErrorMessage = "Qlrf:Queue:MaxDeliveries must be between 1 and 100.")]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Delay before an abandoned message is retried; doubles with each delivery, up to a minute. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Qlrf:Queue:RetryDelay must be between 00:00:00 and 00:10:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages received and applied together. Default 500.</summary>
    [Range(1, 5000, ErrorMessage = "Qlrf:Queue:BatchSize must be between 1 and 5000.")]
    public int BatchSize { get; set; } = 500;
}
