namespace Qlrf.Orchestration;

/// <summary>
/// How a failed activity or sub-orchestration is retried. The delay before retry <c>n</c> (from 0) is
/// <see cref="FirstRetryInterval"/> × <see cref="BackoffCoefficient"/>^n, capped at <see cref="MaxRetryInterval"/>;
/// no retry starts once <see cref="RetryTimeout"/> has passed since the first attempt, or when
/// <see cref="HandleFailure"/> declines the failure.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), "must not be shorter than the first retry interval.");
        }

        if (retryTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), "must not be shorter than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth of the delay per retry. Default 1 (a constant delay).</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest delay. Default 1 hour.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>How long after the first attempt retries may still start. Default infinite.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Which failures are retried. Default all (except those marked non-retriable).</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>
    /// The delay before the next attempt after <paramref name="failedAttempts"/> failures, or null when
    /// the failure is not to be retried.
    /// </summary>
    /// <param name="failedAttempts">Attempts made so far, all failed (1 after the first failure).</param>
    /// <param name="sinceFirstAttempt">Orchestration time elapsed since the first attempt was scheduled.</param>
    /// <param name="failure">The last attempt's failure.</param>
    public TimeSpan? NextDelay(int failedAttempts, TimeSpan sinceFirstAttempt, TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failedAttempts >= MaxNumberOfAttempts || failure.IsNonRetriable || !HandleFailure(failure))
        {
            return null;
        }

        if (RetryTimeout != Timeout.InfiniteTimeSpan && sinceFirstAttempt >= RetryTimeout)
        {
            return null;
        }

        var milliseconds = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, failedAttempts - 1);
        return milliseconds < MaxRetryInterval.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : MaxRetryInterval;
    }
}
