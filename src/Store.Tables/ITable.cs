namespace Qlrf.Store.Tables;

/// <summary>
/// One table, with exactly what Azure Table Storage offers: point reads, row-key ranges within one partition
/// (ascending), whole-table scans with a partition-key range, conditional writes by ETag, and atomic batches of up to
/// 100 operations on distinct rows of one partition. No joins, no server-side aggregates.
/// </summary>
public interface ITable
{
    string Name { get; }

    /// <summary>The row, or null.</summary>
    Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Rows of one partition with row keys in [<paramref name="fromRowKey"/>, <paramref name="toRowKey"/>), in row-key order.</summary>
    IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken);

    /// <summary>Rows of every partition in [<paramref name="fromPartitionKey"/>, <paramref name="toPartitionKey"/>), by partition then row key.</summary>
    IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken);

    /// <summary>Applies the actions atomically: all of them or none. Returns the new ETag of each written row (null for a delete).</summary>
    /// <exception cref="TableConflictException">An <see cref="TableActionKind.Add"/> found its row.</exception>
    /// <exception cref="TablePreconditionException">A conditional action found another version, or no row.</exception>
    Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken);
}

/// <summary>What a <see cref="TableAction"/> does.</summary>
public enum TableActionKind
{
    /// <summary>Inserts; fails with a conflict if the row exists.</summary>
    Add,

    /// <summary>Replaces the row if it still has <see cref="TableAction.ETag"/> (any version when null; the row must exist).</summary>
    Replace,

    /// <summary>Inserts or replaces, unconditionally.</summary>
    Upsert,

    /// <summary>Deletes the row if it still has <see cref="TableAction.ETag"/> (any version when null; the row must exist).</summary>
    Delete,
}

/// <summary>One write of a batch.</summary>
public sealed record TableAction(TableActionKind Kind, TableRow Row, string? ETag = null)
{
    public static TableAction Add(TableRow row) => new(TableActionKind.Add, row);

    public static TableAction Replace(TableRow row, string? etag) => new(TableActionKind.Replace, row, etag);

    public static TableAction Upsert(TableRow row) => new(TableActionKind.Upsert, row);

    public static TableAction Delete(TableRow row, string? etag = null) => new(TableActionKind.Delete, row, etag);
}

/// <summary>Inserting a row that exists (HTTP 409).</summary>
public sealed class TableConflictException(string message) : Exception(message);

/// <summary>A conditional write found another version of the row, or no row (HTTP 412 or 404).</summary>
public sealed class TablePreconditionException(string message) : Exception(message);
