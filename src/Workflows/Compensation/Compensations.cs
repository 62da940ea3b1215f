using Qlrf.Orchestration;

namespace Qlrf.Workflows.Compensation;

/// <summary>
/// The compensations of a workflow (saga): register each one before the step it undoes, and unwind them newest
/// first when the workflow must go back. Unwinding stops at the first compensation that fails, unless told to
/// go on, since later ones usually assume the earlier ones worked; those not run are reported as such.
/// Orchestrator code: it only calls what was registered and reads the orchestration's clock.
/// </summary>
public sealed class Compensations
{
    private readonly List<(string Name, Func<Task<string?>> Undo)> registered = [];

    /// <summary>How many compensations are registered and not yet unwound.</summary>
    public int Count => registered.Count;

    /// <summary>Registers a compensation; <paramref name="undo"/> returns what it did, and throws on failure.</summary>
    public void Register(string name, Func<Task<string?>> undo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(undo);
        registered.Add((name, undo));
    }

    /// <summary>
    /// Runs the registered compensations newest first and forgets them. A failed activity
    /// (<see cref="TaskFailedException"/>) or a <see cref="CompensationFailedException"/> marks that compensation failed.
    /// </summary>
    public async Task<IReadOnlyList<CompensationResult>> UnwindAsync(IOrchestrationContext context, bool continueOnFailure = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<CompensationResult>();
        var failed = false;
        for (var i = registered.Count - 1; i >= 0; i--)
        {
            var (name, undo) = registered[i];
            registered.RemoveAt(i);
            var started = context.CurrentUtcDateTime;
            if (failed && !continueOnFailure)
            {
                results.Add(new CompensationResult(name, CompensationStatus.NotRun, started, started, "not run: an earlier compensation failed"));
                continue;
            }

            try
            {
                var detail = await undo();
                results.Add(new CompensationResult(name, CompensationStatus.Done, started, context.CurrentUtcDateTime, detail));
            }
            catch (Exception ex) when (ex is TaskFailedException or CompensationFailedException)
            {
                failed = true;
                var reason = ex is TaskFailedException task ? Innermost(task.FailureDetails) : ex.Message;
                results.Add(new CompensationResult(name, CompensationStatus.Failed, started, context.CurrentUtcDateTime, reason));
            }
        }

        return results;
    }

    private static string Innermost(TaskFailureDetails failure) => failure.InnerFailure is { } inner ? Innermost(inner) : failure.ErrorMessage;
}

/// <summary>What one compensation did: done, failed or not run, when, and its detail or error.</summary>
public sealed record CompensationResult(string Name, CompensationStatus Status, DateTime StartedAt, DateTime FinishedAt, string? Detail);

public enum CompensationStatus
{
    Done,
    Failed,
    NotRun,
}

/// <summary>A compensation that ran but did not undo its step (its job ended in failure, for example).</summary>
public sealed class CompensationFailedException(string message) : Exception(message);
