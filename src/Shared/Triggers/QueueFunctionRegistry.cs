using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Triggers;

/// <summary>The queue functions a host runs, by name (case-insensitive, unique), one per queue.</summary>
public sealed class QueueFunctionRegistry
{
    private readonly Dictionary<string, QueueFunction> queues = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, QueueFunction> Queues => queues;

    /// <summary>The function fed with messages of <typeparamref name="TMessage"/>; throws if none is registered.</summary>
    public QueueFunction For<TMessage>() =>
        queues.Values.SingleOrDefault(q => q.MessageType == typeof(TMessage))
            ?? throw new InvalidOperationException($"No queue function takes {typeof(TMessage).Name} messages.");

    public QueueFunctionRegistry Add<TFunctions, TMessage>(string name, string queueSetting, Func<TFunctions, IReadOnlyList<TMessage>, CancellationToken, Task> run)
        where TFunctions : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueSetting);
        ArgumentNullException.ThrowIfNull(run);
        var queue = new QueueFunction(name, queueSetting, typeof(TMessage), (sp, batch, ct) => run(sp.GetRequiredService<TFunctions>(), batch.Cast<TMessage>().ToList(), ct));
        if (queues.Values.Any(q => q.MessageType == typeof(TMessage)) || !queues.TryAdd(name, queue))
        {
            throw new ArgumentException($"A queue function named '{name}', or one for {typeof(TMessage).Name}, is already registered.", nameof(name));
        }

        return this;
    }
}
