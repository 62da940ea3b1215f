using Qlrf.Paging;

namespace Qlrf.Ai;

/// <summary>AI tasks, keyed (organisation, id), newest first; ETag concurrency.</summary>
public interface IAiTaskStore
{
    /// <summary>Stores a new task (ETag 1); the existing one when the id is taken.</summary>
    Task<AiTask> CreateAsync(AiTask task, CancellationToken cancellationToken);

    Task<AiTask?> GetAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="after"/> is the last id of the previous page.</summary>
    Task<Page<AiTask>> ListAsync(string organisation, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>Replaces the task if its ETag is still <paramref name="expectedETag"/>; null if it changed meanwhile.</summary>
    Task<AiTask?> ReplaceAsync(AiTask task, long expectedETag, CancellationToken cancellationToken);
}

/// <summary>Tokens used by an organisation on one day (UTC).</summary>
public sealed record AiUsageDay(string Organisation, DateOnly Day, long InputTokens, long OutputTokens, int Calls);

/// <summary>Model token usage per organisation and day, added to as each model reply reports it.</summary>
public interface IAiUsageStore
{
    Task AddAsync(string organisation, DateOnly day, AiUsage usage, CancellationToken cancellationToken);

    /// <summary>The days in [from, to], oldest first.</summary>
    Task<IReadOnlyList<AiUsageDay>> ListAsync(string organisation, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
