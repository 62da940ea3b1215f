namespace Qlrf.Triggers;

/// <summary>
/// A queue function: its name (the Azure function's name), the app setting naming its queue (bound on Azure as
/// <c>[ServiceBusTrigger("%setting%")]</c>), the message type, and what a batch of messages runs. The local host
/// feeds it from the embedded queue.
/// </summary>
/// <param name="Name">The function's name; use <c>nameof</c> of the method it runs.</param>
/// <param name="QueueSetting">A flat app-setting name holding the queue's name.</param>
/// <param name="MessageType">The type each message body is read as (JSON).</param>
/// <param name="Run">Applies a batch; throws if any message of it failed (the caller then retries one by one).</param>
public sealed record QueueFunction(
    string Name,
    string QueueSetting,
    Type MessageType,
    Func<IServiceProvider, IReadOnlyList<object>, CancellationToken, Task> Run);
