namespace Qlrf.Durable.Tests.Support;

/// <summary>A clock the test moves by hand; its timers (waits, delays) fire when it passes their time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public ManualClock()
        : this(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt <= now).ToList();
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Whether a timer (a wait, a delay) is set to fire at exactly <paramref name="at"/>: a loop has gone to sleep until then.</summary>
    public bool HasTimerDueAt(DateTimeOffset at)
    {
        lock (gate)
        {
            return timers.Any(t => t.DueAt == at);
        }
    }

    /// <summary>
    /// Lets time pass: moves the clock on by <paramref name="step"/> at a time until <paramref name="task"/> ends,
    /// as a real clock keeps moving. A loop that looked before a jump and set its timer after it (measured from the
    /// moment it looked) would otherwise wait forever on a clock that never moves again. The task's own timeout is
    /// the hang guard.
    /// </summary>
    public async Task<T> PassUntilAsync<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            Advance(step);
            await Task.WhenAny(task, Task.Delay(5));
        }

        return await task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                this.period = period;
                clock.timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock.now + dueTime;
                    clock.timers.Add(this);
                }
            }

            return true;
        }

        public void Fire()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
                {
                    DueAt = clock.now + period;
                    clock.timers.Add(this);
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
