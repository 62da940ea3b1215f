using Qlrf.Paging;

namespace Qlrf.Dr;

/// <summary>
/// DR pairs, keyed by organisation and id, with optimistic concurrency on <see cref="DrPair.ETag"/>, and the
/// next due time of each pair's drill schedule.
/// </summary>
public interface IDrPairStore
{
    /// <summary>Stores a new pair with its next scheduled drill; returns it with its tag, or null if the id is taken.</summary>
    Task<DrPair?> CreateAsync(DrPair pair, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken);

    Task<DrPair?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken);

    /// <summary>Pairs in id order, a page at a time.</summary>
    Task<Page<DrPair>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken);

    /// <summary>Writes the pair (and its next scheduled drill) if the stored one still has <paramref name="expectedETag"/>; null if it changed meanwhile or is gone.</summary>
    Task<DrPair?> ReplaceAsync(DrPair pair, long expectedETag, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken);

    /// <summary>Deletes the pair and its schedule; false if there was none.</summary>
    Task<bool> DeleteAsync(string organisation, string pairId, CancellationToken cancellationToken);

    /// <summary>Scheduled drills due at or before <paramref name="now"/>, across organisations (for the scheduler only), earliest first.</summary>
    Task<IReadOnlyList<DueDrill>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Moves a pair's next scheduled drill from <paramref name="due"/> to <paramref name="next"/>; false if another scheduler moved it first.</summary>
    Task<bool> ClaimDueAsync(string organisation, string pairId, DateTimeOffset due, DateTimeOffset? next, CancellationToken cancellationToken);

    /// <summary>When the pair's next scheduled drill is due, or null.</summary>
    Task<DateTimeOffset?> GetNextDrillAtAsync(string organisation, string pairId, CancellationToken cancellationToken);
}

/// <summary>A pair whose scheduled drill is due.</summary>
public sealed record DueDrill(string Organisation, string PairId, DateTimeOffset DueAt);
