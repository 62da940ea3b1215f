namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// Lets the local host run a timer function early: work enqueued in this process signals, and the function runs
/// at once instead of at its next occurrence (on Azure it runs at the occurrence).
/// </summary>
/// <param name="TimerName">The timer function's name.</param>
/// <param name="WaitAsync">Waits for the signal or the timeout, whichever comes first.</param>
internal sealed record TimerWake(string TimerName, Func<TimeSpan, CancellationToken, Task> WaitAsync);
