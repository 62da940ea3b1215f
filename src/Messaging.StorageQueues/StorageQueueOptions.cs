using System.ComponentModel.DataAnnotations;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// The asset-change queue on a Storage queue (section <c>Qlrf:Queue</c>, shared with the local queue's settings). The
/// queue's name is the app setting <see cref="StorageQueueAssetChanges.QueueSetting"/>; its poison queue is the name
/// with <c>-poison</c>, as the Queue trigger names it.
/// </summary>
public sealed class StorageQueueOptions
{
    public const string Section = "Qlrf:Queue";

    /// <summary>
    /// Deliveries before a message goes to the poison queue with its last error. Keep it equal to host.json's
    /// <c>extensions.queues.maxDequeueCount</c> (5): the trigger moves a message there itself after that many, without
    /// the error. Default 5.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Qlrf:Queue:MaxDeliveries must be between 1 and 100.")]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Messages sent at once when a sweep publishes its changes (a Storage queue takes one message per request). Default 32.</summary>
    [Range(1, 256, ErrorMessage = "Qlrf:Queue:PublishConcurrency must be between 1 and 256.")]
    public int PublishConcurrency { get; set; } = 32;

    /// <summary>How many poison messages a dead-letter listing reads at most. Default 10000.</summary>
    [Range(32, 100_000, ErrorMessage = "Qlrf:Queue:MaxDeadLettersRead must be between 32 and 100000.")]
    public int MaxDeadLettersRead { get; set; } = 10_000;
}
