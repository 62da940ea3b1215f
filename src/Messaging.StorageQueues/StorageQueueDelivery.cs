using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Qlrf.Json;
using Qlrf.Triggers;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// What the asset-change queue's Queue trigger forwards one message to: the registered queue function of that name
/// applies it. An error leaves the message to be delivered again (the trigger makes it visible after host.json's
/// <c>visibilityTimeout</c>); on its <see cref="StorageQueueOptions.MaxDeliveries"/>th delivery it goes to the poison
/// queue with the error instead, and so does a message that is not readable at all, at once.
/// </summary>
public sealed class StorageQueueDelivery(
    AssetChangeQueues queues,
    IOptions<QueueFunctionRegistry> registry,
    IServiceProvider services,
    IOptions<StorageQueueOptions> options,
    TimeProvider time)
{
    public const int MaxErrorLength = 2048;

    public async Task HandleAsync(string functionName, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var function = registry.Value.Queues[functionName];
        var text = message.Body.ToString();
        if (Read(text, function.MessageType) is not { } body)
        {
            await DeadLetterAsync(message, text, $"The message body is not readable as {function.MessageType.Name}.", cancellationToken);
            return;
        }

        try
        {
            await function.Run(services, [body], cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && message.DequeueCount >= options.Value.MaxDeliveries)
        {
            await DeadLetterAsync(message, text, $"{ex.Message} (dead-lettered after {message.DequeueCount} deliveries)", cancellationToken);
        }
    }

    private async Task DeadLetterAsync(QueueMessage message, string text, string error, CancellationToken cancellationToken)
    {
        var poison = await queues.PoisonAsync(cancellationToken);
        var dead = new PoisonMessage(
            PoisonMessage.CurrentFormat,
            text,
            OrganisationOf(text),
            error.Length <= MaxErrorLength ? error : error[..MaxErrorLength],
            (int)message.DequeueCount,
            message.InsertedOn ?? time.GetUtcNow(),
            time.GetUtcNow());
        await poison.SendMessageAsync(BinaryData.FromString(dead.ToJson()), timeToLive: StorageQueueAssetChangePublisher.Forever, cancellationToken: cancellationToken);
    }

    private static object? Read(string text, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type, QlrfJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OrganisationOf(string text) => PoisonMessage.Read(text, default, 0).Organisation;
}
