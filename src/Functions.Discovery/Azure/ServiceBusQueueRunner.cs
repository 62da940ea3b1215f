using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Qlrf.Json;
using Qlrf.Triggers;

namespace Qlrf.Functions.Discovery.AzureFunctions;

/// <summary>
/// What a <c>[ServiceBusTrigger]</c> forwards to: hands the batch to the queue function registered under the function's
/// name (<see cref="QueueBatch"/>): completes what it applied, abandons what failed with the error recorded on the
/// message (Service Bus dead-letters it after the max delivery count), dead-letters an unreadable body at once.
/// </summary>
internal sealed class ServiceBusQueueRunner(IOptions<QueueFunctionRegistry> registry, IServiceProvider services)
{
    /// <summary>The application property holding a failed delivery's error.</summary>
    public const string LastErrorProperty = "qlrf-last-error";

    public Task RunAsync(string name, ServiceBusReceivedMessage[] messages, ServiceBusMessageActions actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var function = registry.Value.Queues[name];
        return QueueBatch.ProcessAsync(
            messages,
            m => Read(m, function.MessageType),
            (batch, ct) => function.Run(services, batch, ct),
            async (done, ct) =>
            {
                foreach (var message in done)
                {
                    await actions.CompleteMessageAsync(message, ct);
                }
            },
            (message, error, ct) => actions.AbandonMessageAsync(message, new Dictionary<string, object> { [LastErrorProperty] = Truncate(error) }, ct),
            (message, error, ct) => actions.DeadLetterMessageAsync(message, deadLetterReason: "Unreadable", deadLetterErrorDescription: Truncate(error), cancellationToken: ct),
            cancellationToken);
    }

    private static object? Read(ServiceBusReceivedMessage message, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Body.ToMemory().Span, type, QlrfJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string error) => error.Length <= 1024 ? error : error[..1024];
}
