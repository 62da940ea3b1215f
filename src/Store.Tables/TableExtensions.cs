namespace Qlrf.Store.Tables;

/// <summary>Single-row writes and queries by row-key prefix, over <see cref="ITable.SubmitAsync"/> and <see cref="ITable.QueryAsync"/>.</summary>
public static class TableExtensions
{
    public static async Task<string> AddAsync(this ITable table, TableRow row, CancellationToken cancellationToken) =>
        (await table.SubmitAsync([TableAction.Add(row)], cancellationToken))[0]!;

    public static async Task<string> ReplaceAsync(this ITable table, TableRow row, string? etag, CancellationToken cancellationToken) =>
        (await table.SubmitAsync([TableAction.Replace(row, etag)], cancellationToken))[0]!;

    public static async Task<string> UpsertAsync(this ITable table, TableRow row, CancellationToken cancellationToken) =>
        (await table.SubmitAsync([TableAction.Upsert(row)], cancellationToken))[0]!;

    /// <summary>Deletes a row; false when there was none.</summary>
    public static async Task<bool> DeleteAsync(this ITable table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitAsync([TableAction.Delete(new TableRow(partitionKey, rowKey))], cancellationToken);
            return true;
        }
        catch (TablePreconditionException)
        {
            return false;
        }
    }

    /// <summary>Rows of one partition whose row key starts with <paramref name="prefix"/>, in row-key order.</summary>
    public static IAsyncEnumerable<TableRow> QueryPrefixAsync(this ITable table, string partitionKey, string prefix, CancellationToken cancellationToken) =>
        table.QueryAsync(partitionKey, prefix, TableKeys.PrefixEnd(prefix), cancellationToken);

    public static async Task<List<TableRow>> ToListAsync(this IAsyncEnumerable<TableRow> rows, CancellationToken cancellationToken)
    {
        var list = new List<TableRow>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
