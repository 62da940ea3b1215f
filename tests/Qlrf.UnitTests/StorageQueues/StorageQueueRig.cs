using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Messaging.StorageQueues;
using Qlrf.Triggers;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.StorageQueues;

/// <summary>
/// The Storage queue adapter on a fresh queue of <see cref="Azurite"/>: its publisher, its dead letters, and its
/// delivery fed the way the Functions Queue trigger feeds it (receive with a visibility timeout, run, delete only when
/// the run returns), with a function that fails as often as a test says.
/// </summary>
public sealed class StorageQueueRig
{
    public const string FunctionName = "ApplyAsync";

    /// <summary>How long a received message stays hidden: the trigger's visibility timeout, short for the tests.</summary>
    public static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);

    public StorageQueueRig(Azurite azurite, int maxDeliveries = 5)
    {
        Options = Microsoft.Extensions.Options.Options.Create(new StorageQueueOptions { MaxDeliveries = maxDeliveries, MaxDeadLettersRead = 1000 });
        Queues = new AssetChangeQueues(azurite.QueueService, Azurite.NewQueueName());
        Raw = new QueueServiceClient(azurite.ConnectionString);
        Publisher = new StorageQueueAssetChangePublisher(Queues, Options);
        DeadLetters = new PoisonQueueDeadLetters(Queues, Options);
        var registry = new QueueFunctionRegistry().Add<Function, AssetChanged>(FunctionName, StorageQueueAssetChanges.QueueSetting, (f, batch, _) => f.Run(batch));
        var services = new ServiceCollection().AddSingleton(Applied).BuildServiceProvider();
        Delivery = new StorageQueueDelivery(Queues, Microsoft.Extensions.Options.Options.Create(registry), services, Options, TimeProvider.System);
    }

    public IOptions<StorageQueueOptions> Options { get; }

    public AssetChangeQueues Queues { get; }

    /// <summary>The same account without Base64: the queues' text exactly as stored.</summary>
    public QueueServiceClient Raw { get; }

    public StorageQueueAssetChangePublisher Publisher { get; }

    public PoisonQueueDeadLetters DeadLetters { get; }

    public StorageQueueDelivery Delivery { get; }

    public Function Applied { get; } = new();

    /// <summary>What the trigger does with one message: receive it (waiting for one to be visible), hand it over, delete it if that returned.</summary>
    public async Task<(QueueMessage Message, Exception? Error)> DeliverOnceAsync()
    {
        var queue = await Queues.QueueAsync(default);
        var message = await ReceiveAsync(queue);
        try
        {
            await Delivery.HandleAsync(FunctionName, message, default);
        }
        catch (InvalidOperationException ex)
        {
            return (message, ex);
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return (message, null);
    }

    /// <summary>The next visible message; a message left undeleted comes back once its visibility timeout has passed.</summary>
    public static async Task<QueueMessage> ReceiveAsync(QueueClient queue)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if ((await queue.ReceiveMessageAsync(Visibility, patience.Token)).Value is { } message)
            {
                return message;
            }

            await Task.Delay(100, patience.Token);
        }
    }

    public static AssetChanged Change(string assetId, string organisation = "acme", long version = 1) => new()
    {
        EventId = Guid.NewGuid(),
        Organisation = organisation,
        Source = "sandbox",
        SweepRunId = "run-1",
        Kind = AssetChangeKind.Added,
        AssetId = assetId,
        Version = version,
        Asset = Assets.Make(assetId),
        Hash = "h" + version,
        DetectedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>The queue function: records what it applied, after failing <see cref="Failures"/> times.</summary>
    public sealed class Function
    {
        public int Failures { get; set; }

        public List<AssetChanged> Applied { get; } = [];

        public Task Run(IReadOnlyList<AssetChanged> batch)
        {
            if (Failures-- > 0)
            {
                throw new InvalidOperationException("the inventory is unavailable");
            }

            Applied.AddRange(batch);
            return Task.CompletedTask;
        }
    }
}
