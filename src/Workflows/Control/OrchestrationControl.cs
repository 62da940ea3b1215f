using Qlrf.Orchestration;

namespace Qlrf.Workflows.Control;

/// <summary>
/// Pause, resume and cancel for a workflow, applied only at the safe points it chooses (between batches,
/// between phases). A standing wait on the control event collects signals as they arrive; at a checkpoint
/// the signals received are applied in order, and while paused the workflow waits for resume or cancel.
/// Dispose it before the workflow returns, so the standing wait is cancelled.
/// </summary>
public sealed class OrchestrationControl : IDisposable
{
    private readonly IOrchestrationContext context;
    private readonly CancellationTokenSource stop = new();
    private Task<ControlSignal> pending;

    public OrchestrationControl(IOrchestrationContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        pending = Listen();
    }

    public bool Paused { get; private set; }

    /// <summary>The cancel signal, once one has been applied.</summary>
    public ControlSignal? Cancelled { get; private set; }

    /// <summary>Every signal applied, in order, for the workflow's record.</summary>
    public List<ControlSignal> Applied { get; } = [];

    /// <summary>
    /// A safe point: applies the signals that arrived; while paused, reports it through <paramref name="onPaused"/>
    /// and waits for resume or cancel. Returns false when the workflow is to stop (cancelled).
    /// </summary>
    public async Task<bool> CheckpointAsync(Action<ControlSignal>? onPaused = null)
    {
        while (pending.IsCompletedSuccessfully)
        {
            Apply(await Next());
        }

        while (Paused && Cancelled is null)
        {
            onPaused?.Invoke(Applied[^1]);
            Apply(await Next());
        }

        return Cancelled is null;
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private async Task<ControlSignal> Next()
    {
        var signal = await pending;
        pending = Listen();
        return signal;
    }

    private Task<ControlSignal> Listen() => context.WaitForExternalEvent<ControlSignal>(ControlEvents.Control, stop.Token);

    private void Apply(ControlSignal signal)
    {
        Applied.Add(signal);
        switch (signal.Action)
        {
            case ControlAction.Pause:
                Paused = true;
                break;
            case ControlAction.Resume:
                Paused = false;
                break;
            case ControlAction.Cancel:
                Cancelled ??= signal;
                break;
        }
    }
}
