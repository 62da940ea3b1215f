namespace Qlrf.Ai.Tasks;

/// <summary>Reads and changes a task with its ETag, retrying when it changed meanwhile.</summary>
public sealed class AiTaskWriter(IAiTaskStore store, TimeProvider time)
{
    private const int Attempts = 10;

    public async Task<AiTask> GetAsync(AiTaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return await store.GetAsync(step.Organisation, step.TaskId, cancellationToken)
            ?? throw new InvalidOperationException($"AI task {step.TaskId} of {step.Organisation} does not exist.");
    }

    /// <summary>Applies <paramref name="change"/> (null: no change) to the stored task and returns the task after.</summary>
    public async Task<AiTask> UpdateAsync(AiTaskStep step, Func<AiTask, AiTask?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var task = await GetAsync(step, cancellationToken);
            if (change(task) is not { } changed)
            {
                return task;
            }

            if (await store.ReplaceAsync(changed with { UpdatedAt = time.GetUtcNow() }, task.ETag, cancellationToken) is { } saved)
            {
                return saved;
            }

            if (attempt >= Attempts)
            {
                throw new InvalidOperationException($"AI task {step.TaskId} kept changing; giving up after {Attempts} attempts.");
            }
        }
    }
}
