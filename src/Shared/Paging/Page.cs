namespace Qlrf.Paging;

/// <summary>One page of a listing, and the cursor for the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
