using Microsoft.Extensions.Logging;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// One generation of one instance, live in memory: the orchestrator's code, suspended at its awaits, and the
/// context it runs against. <see cref="Replay"/> rebuilds it from history; <see cref="Step"/> applies new messages
/// and returns what the step produced. Between steps it may stay cached, so that the next step needs no replay.
/// </summary>
internal sealed partial class OrchestrationExecution
{
    private readonly IOrchestrator orchestrator;
    private readonly EmbeddedOrchestrationContext context;
    private readonly OrchestrationScheduler scheduler;
    private readonly PayloadCodec codec;
    private readonly InstanceRecord instance;
    private readonly List<HistoryEvent> heldWhileSuspended = [];
    private Task<object?>? run;
    private bool suspended;

    public OrchestrationExecution(InstanceRecord instance, IOrchestrator orchestrator, PayloadCodec codec, int maxActions, ILoggerFactory loggerFactory)
    {
        this.instance = instance;
        this.orchestrator = orchestrator;
        this.codec = codec;
        scheduler = new OrchestrationScheduler(how => context!.LeftScheduler(how));
        context = new EmbeddedOrchestrationContext(instance, codec, maxActions, loggerFactory, scheduler);
    }

    public string InstanceId => instance.InstanceId;

    public int Generation => instance.Generation;

    /// <summary>Events of history applied so far; the cache checks it against the stored count.</summary>
    public int HistoryCount { get; private set; }

    public bool IsStarted => run is not null;

    /// <summary>Whether the last step ran on an execution rebuilt from stored history (not continued from the cache); for traces.</summary>
    public bool Replayed { get; private set; }

    private bool rebuilt;

    /// <summary>Re-executes the code against its history, with IsReplaying set.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        using var step = scheduler.EnterStep();
        rebuilt = true;
        context.IsReplaying = true;
        foreach (var recorded in history)
        {
            HistoryCount++;
            if (context.Fatal is null)
            {
                Apply(recorded);
            }
        }
    }

    /// <summary>Runs a step: records OrchestratorStarted at <paramref name="now"/>, applies the messages in order, and collects the outcome.</summary>
    public StepResult Step(IReadOnlyList<InboxMessage> messages, DateTimeOffset now)
    {
        using var step = scheduler.EnterStep();
        Replayed = rebuilt;
        rebuilt = false;
        var result = new StepResult();
        context.IsReplaying = false;
        if (context.Fatal is null)
        {
            Record(result, new HistoryEvent(HistoryEventKind.OrchestratorStarted, now));
            foreach (var message in messages)
            {
                if (ToEvent(message, now) is { } received)
                {
                    Record(result, received);
                }

                if (context.Fatal is not null)
                {
                    break;
                }
            }
        }
        else
        {
            result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorStarted, now));
        }

        Conclude(result, now);
        HistoryCount += result.NewEvents.Count;
        return result;
    }

    private void Record(StepResult result, HistoryEvent received)
    {
        result.NewEvents.Add(received);
        Apply(received);
    }

    private void Apply(HistoryEvent recorded)
    {
        switch (recorded.Kind)
        {
            case HistoryEventKind.OrchestratorStarted:
                context.SetCurrentTime(recorded.Timestamp);
                return;
            case HistoryEventKind.ExecutionStarted:
                Start();
                break;
            case var kind when kind.IsAction():
                context.ConfirmAction(recorded);
                return;
            case HistoryEventKind.ExecutionSuspended:
                suspended = true;
                return;
            case HistoryEventKind.ExecutionResumed:
                suspended = false;
                foreach (var held in heldWhileSuspended.ToList())
                {
                    heldWhileSuspended.Remove(held);
                    Deliver(held);
                }

                return;
            case var kind when kind.IsTaskResult() || kind == HistoryEventKind.EventRaised:
                if (suspended)
                {
                    heldWhileSuspended.Add(recorded);
                    return;
                }

                Deliver(recorded);
                return;
            default:
                return;
        }
    }

    private void Deliver(HistoryEvent received)
    {
        var waiting = run is { IsCompleted: false };
        if (received.Kind == HistoryEventKind.EventRaised)
        {
            context.DeliverEvent(received.Name ?? string.Empty, received.Data);
        }
        else
        {
            context.CompleteTask(received);
        }

        // Continuations on the scheduler are only queued by a delivery; code that ran during it ran outside the scheduler.
        if (waiting && run!.IsCompleted)
        {
            context.LeftScheduler("it ran on to its end while a result was being delivered, outside the orchestration scheduler (an await with ConfigureAwait(false))");
        }

        scheduler.RunUntilIdle();
    }

    private void Start()
    {
        if (run is not null)
        {
            return;
        }

        object? input;
        try
        {
            input = PayloadCodec.Deserialize(instance.Input, orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            run = Task.FromException<object?>(new ArgumentException(
                $"The input of orchestration '{instance.InstanceId}' cannot be read as {orchestrator.InputType.Name}: {ex.Message}", ex));
            return;
        }

        var starter = new Task(() =>
        {
            try
            {
                run = orchestrator.RunAsync(context, input);
            }
            catch (Exception ex)
            {
                run = Task.FromException<object?>(ex);
            }
        });
        starter.Start(scheduler);
        scheduler.RunUntilIdle();
    }

    private HistoryEvent? ToEvent(InboxMessage message, DateTimeOffset now) => message.Kind switch
    {
        MessageKind.ExecutionStarted => IsStarted ? null : new HistoryEvent(HistoryEventKind.ExecutionStarted, now)
        {
            Name = instance.Name,
            Data = instance.Input,
            Target = instance.Parent?.InstanceId,
        },
        MessageKind.TaskCompleted => new HistoryEvent(HistoryEventKind.TaskCompleted, now) { TaskId = message.TaskId, Data = message.Data },
        MessageKind.TaskFailed => new HistoryEvent(HistoryEventKind.TaskFailed, now) { TaskId = message.TaskId, Failure = message.Failure },
        MessageKind.TimerFired => new HistoryEvent(HistoryEventKind.TimerFired, now) { TaskId = message.TaskId, FireAt = message.VisibleAt },
        MessageKind.SubOrchestrationCompleted => new HistoryEvent(HistoryEventKind.SubOrchestrationCompleted, now) { TaskId = message.TaskId, Data = message.Data },
        MessageKind.SubOrchestrationFailed => new HistoryEvent(HistoryEventKind.SubOrchestrationFailed, now) { TaskId = message.TaskId, Failure = message.Failure },
        MessageKind.EventRaised => new HistoryEvent(HistoryEventKind.EventRaised, now) { Name = message.Name, Data = message.Data },
        MessageKind.Suspend => suspended ? null : new HistoryEvent(HistoryEventKind.ExecutionSuspended, now) { Data = message.Data },
        MessageKind.Resume => suspended ? new HistoryEvent(HistoryEventKind.ExecutionResumed, now) { Data = message.Data } : null,
        _ => null,
    };
}
