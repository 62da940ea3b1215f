using System.Text.Json;
using System.Text.Json.Serialization;
using Qlrf.Json;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// A dead-lettered message as this app writes it to the poison queue: the original message and why it is there. A
/// message the Queue trigger moved there by itself (after host.json's <c>maxDequeueCount</c>, e.g. when the app was
/// stopped during its last delivery) is the original message alone, which <see cref="Read"/> also understands.
/// </summary>
public sealed record PoisonMessage(
    [property: JsonPropertyName("qlrfDeadLetter")] int Format,
    string Body,
    string Organisation,
    string LastError,
    int DeliveryCount,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DeadLetteredAt)
{
    public const int CurrentFormat = 1;

    public string ToJson() => JsonSerializer.Serialize(this, QlrfJson.Options);

    /// <summary>A poison queue message as a dead letter: ours, or an original message the trigger moved.</summary>
    public static PoisonMessage Read(string text, DateTimeOffset insertedOn, int maxDeliveries)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("qlrfDeadLetter", out _))
            {
                return JsonSerializer.Deserialize<PoisonMessage>(text, QlrfJson.Options)!;
            }

            var organisation = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("organisation", out var org) && org.ValueKind == JsonValueKind.String
                ? org.GetString()!
                : string.Empty;
            return Moved(text, organisation, insertedOn, maxDeliveries);
        }
        catch (JsonException)
        {
            return Moved(text, string.Empty, insertedOn, maxDeliveries);
        }
    }

    private static PoisonMessage Moved(string text, string organisation, DateTimeOffset insertedOn, int maxDeliveries) =>
        new(CurrentFormat, text, organisation, $"Moved to the poison queue by the Queue trigger after {maxDeliveries} deliveries; the errors are in the app's logs.", maxDeliveries, insertedOn, insertedOn);
}
