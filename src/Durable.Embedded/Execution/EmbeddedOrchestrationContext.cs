using Microsoft.Extensions.Logging;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// The embedded runtime's <see cref="IOrchestrationContext"/>: it hands out sequence ids to the actions the code
/// takes, keeps the tasks those actions opened, and buffers external events. <see cref="OrchestrationExecution"/>
/// drives it from history.
/// </summary>
internal sealed partial class EmbeddedOrchestrationContext(
    InstanceRecord instance, PayloadCodec codec, int maxActions, ILoggerFactory loggerFactory, OrchestrationScheduler scheduler) : IOrchestrationContext
{
    private readonly SortedDictionary<int, PendingAction> unrecorded = [];
    private readonly Dictionary<int, OpenTask> open = [];
    private readonly List<int> cancelledTimers = [];
    private int nextId;
    private int newGuidCounter;
    private string? customStatus = instance.CustomStatus;
    private bool customStatusChanged;
    private Exception? fatal;

    public string Name => instance.Name;

    public string InstanceId => instance.InstanceId;

    public ParentOrchestrationInstance? Parent { get; } =
        instance.Parent is { } p ? new ParentOrchestrationInstance(p.Name, p.InstanceId) : null;

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; set; }

    /// <summary>Set when the instance must fail whatever its code does: non-determinism, too many actions.</summary>
    public Exception? Fatal => Volatile.Read(ref fatal);

    /// <summary>Tasks with a sequence id still waiting for their result. The instance cannot complete while there are any.</summary>
    public int OpenTaskCount => open.Count;

    /// <summary>ContinueAsNew was called: the next generation's input and whether buffered events carry over.</summary>
    public (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    public T? GetInput<T>() => PayloadCodec.Deserialize<T>(instance.Input);

    public void SetCustomStatus(object? customStatus)
    {
        EnsureOnScheduler(nameof(SetCustomStatus));
        var json = codec.Serialize(customStatus, "custom status");
        if (json is not null && System.Text.Encoding.UTF8.GetByteCount(json) > DurableOptions.MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status is {System.Text.Encoding.UTF8.GetByteCount(json)} bytes of JSON; at most {DurableOptions.MaxCustomStatusBytes} are allowed.",
                nameof(customStatus));
        }

        if (json != this.customStatus)
        {
            this.customStatus = json;
            customStatusChanged = true;
        }
    }

    public void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true)
    {
        EnsureOnScheduler(nameof(ContinueAsNew));
        ContinueAsNewRequest = (codec.Serialize(newInput, "ContinueAsNew input"), preserveUnprocessedEvents);
    }

    public Guid NewGuid()
    {
        EnsureOnScheduler(nameof(NewGuid));
        return DeterministicGuid.ForOrchestration(InstanceId, CurrentUtcDateTime, newGuidCounter++);
    }

    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), () => IsReplaying);

    /// <summary>Sets the step's time (from its OrchestratorStarted event).</summary>
    public void SetCurrentTime(DateTimeOffset time) => CurrentUtcDateTime = time.UtcDateTime;

    /// <summary>The custom status, if the code changed it since the last call.</summary>
    public bool TakeCustomStatus(out string? status)
    {
        status = customStatus;
        var changed = customStatusChanged;
        customStatusChanged = false;
        return changed;
    }

    /// <summary>Fails the instance at the end of this step; the first reason wins. Safe from any thread.</summary>
    public void Fail(Exception exception) => Interlocked.CompareExchange(ref fatal, exception, null);

    private int NextId()
    {
        if (nextId >= maxActions)
        {
            var exceeded = new MaxActionsExceededException(maxActions);
            Fail(exceeded);
            throw exceeded;
        }

        return nextId++;
    }
}
