namespace Qlrf.Workflows.Control;

/// <summary>Pause, resume and cancel, sent to a running workflow as the <see cref="ControlEvents.Control"/> event.</summary>
public sealed record ControlSignal(ControlAction Action, string Actor, string? Reason = null, bool Rollback = false);

public enum ControlAction
{
    Pause,
    Resume,
    Cancel,
}

public static class ControlEvents
{
    public const string Control = nameof(Control);
}
