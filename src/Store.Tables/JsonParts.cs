using System.Text.Json;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>
/// A long list stored as rows of JSON arrays (parts), each under <see cref="JsonColumns.MaxLength"/> characters: a scan's
/// findings or an SBOM's components take a handful of rows rather than one per item, and never one too big.
/// </summary>
internal static class JsonParts
{
    /// <summary>The items grouped into parts that each fit a row (a single item too big for a row fails when written).</summary>
    public static List<List<T>> Split<T>(IReadOnlyList<T> items)
    {
        var parts = new List<List<T>>();
        var current = new List<T>();
        var length = 2;
        foreach (var item in items)
        {
            var size = JsonSerializer.Serialize(item, QlrfJson.Options).Length + 1;
            if (current.Count > 0 && length + size > JsonColumns.MaxLength)
            {
                parts.Add(current);
                current = [];
                length = 2;
            }

            current.Add(item);
            length += size;
        }

        if (current.Count > 0)
        {
            parts.Add(current);
        }

        return parts;
    }

    /// <summary>Rows <c>{prefix}{part, 6 digits}</c> of the partition, one per part.</summary>
    public static List<TableRow> Rows<T>(string partitionKey, string prefix, IReadOnlyList<T> items) =>
        Split(items).Select((part, i) =>
        {
            var row = new TableRow(partitionKey, prefix + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            JsonColumns.Write(row, part);
            return row;
        }).ToList();

    /// <summary>The items of the parts under <paramref name="prefix"/>, in order.</summary>
    public static async Task<List<T>> ReadAsync<T>(ITable table, string partitionKey, string prefix, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var row in table.QueryPrefixAsync(partitionKey, prefix, cancellationToken))
        {
            items.AddRange(JsonColumns.Read<List<T>>(row));
        }

        return items;
    }

    /// <summary>Writes rows of one partition in batches of up to 100 rows and 4 MiB (a part is up to ~1 MiB).</summary>
    public static async Task UpsertAllAsync(ITable table, IEnumerable<TableRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in TableLimits.Batches(rows))
        {
            await table.SubmitAsync(chunk.ConvertAll(TableAction.Upsert), cancellationToken);
        }
    }

    /// <summary>Deletes rows of one partition in batches of 100; a row another writer deleted first is skipped.</summary>
    public static async Task DeleteAllAsync(ITable table, IEnumerable<TableRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(100))
        {
            try
            {
                await table.SubmitAsync(chunk.Select(r => TableAction.Delete(new TableRow(r.PartitionKey, r.RowKey))).ToList(), cancellationToken);
            }
            catch (TablePreconditionException)
            {
                foreach (var row in chunk)
                {
                    await table.DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
                }
            }
        }
    }
}
