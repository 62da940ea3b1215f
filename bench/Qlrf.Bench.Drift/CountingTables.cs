using System.Runtime.CompilerServices;
using Qlrf.Store.Tables;

namespace Qlrf.Bench.Drift;

/// <summary>In-memory tables with Table Storage's semantics (ETags, all-or-nothing batches) that count what is asked of them.</summary>
internal sealed class CountingTables : ITables
{
    private readonly Dictionary<string, CountingTable> tables = new(StringComparer.Ordinal);

    public long Requests { get; set; }

    public long Batches { get; set; }

    public long Writes { get; set; }

    public long Read { get; set; }

    /// <summary>Entities written and read, by partition (Table Storage's throughput target is per partition).</summary>
    public Dictionary<string, long> ByPartition { get; } = new(StringComparer.Ordinal);

    public void Count(string partition, long entities) => ByPartition[partition] = ByPartition.GetValueOrDefault(partition) + entities;

    public ITable this[string name]
    {
        get
        {
            lock (tables)
            {
                return tables.TryGetValue(name, out var table) ? table : tables[name] = new CountingTable(name, this);
            }
        }
    }

    public Counters Counts() => new(Requests, Batches, Writes, Read);

    internal readonly record struct Counters(long Requests, long Batches, long Writes, long Read)
    {
        public static Counters operator -(Counters a, Counters b) => new(a.Requests - b.Requests, a.Batches - b.Batches, a.Writes - b.Writes, a.Read - b.Read);
    }

    private sealed class CountingTable(string name, CountingTables counts) : ITable
    {
        private readonly SortedDictionary<(string Partition, string Row), TableRow> rows = new(Comparer<(string, string)>.Create(
            (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var p and not 0 ? p : string.CompareOrdinal(a.Item2, b.Item2)));

        private long version;

        public string Name => name;

        public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
        {
            counts.Requests++;
            if (rows.TryGetValue((partitionKey, rowKey), out var row))
            {
                counts.Read++;
                counts.Count(partitionKey, 1);
                return Task.FromResult<TableRow?>(Copy(row));
            }

            return Task.FromResult<TableRow?>(null);
        }

        public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
            Select(r => r.PartitionKey == partitionKey
                && (fromRowKey is null || string.CompareOrdinal(r.RowKey, fromRowKey) >= 0)
                && (toRowKey is null || string.CompareOrdinal(r.RowKey, toRowKey) < 0), cancellationToken);

        public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
            Select(r => (fromPartitionKey is null || string.CompareOrdinal(r.PartitionKey, fromPartitionKey) >= 0)
                && (toPartitionKey is null || string.CompareOrdinal(r.PartitionKey, toPartitionKey) < 0), cancellationToken);

        public Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
        {
            if (actions.Count is 0 or > 100 || actions.Select(a => a.Row.PartitionKey).Distinct().Count() > 1)
            {
                throw new ArgumentException("A batch takes 1 to 100 actions on one partition.");
            }

            counts.Requests++;
            counts.Batches++;
            foreach (var action in actions)
            {
                var exists = rows.TryGetValue((action.Row.PartitionKey, action.Row.RowKey), out var stored);
                if (action.Kind == TableActionKind.Add && exists)
                {
                    throw new TableConflictException($"{name}: {action.Row.RowKey} exists.");
                }

                if (action.Kind is TableActionKind.Replace or TableActionKind.Delete && (!exists || (action.ETag is not null && action.ETag != stored!.ETag)))
                {
                    throw new TablePreconditionException($"{name}: {action.Row.RowKey} is not at the expected version.");
                }
            }

            var etags = new List<string?>();
            counts.Count(actions[0].Row.PartitionKey, actions.Count);
            foreach (var action in actions)
            {
                counts.Writes++;
                var key = (action.Row.PartitionKey, action.Row.RowKey);
                if (action.Kind == TableActionKind.Delete)
                {
                    rows.Remove(key);
                    etags.Add(null);
                    continue;
                }

                var written = Copy(action.Row);
                written.ETag = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture);
                rows[key] = written;
                etags.Add(written.ETag);
            }

            return Task.FromResult<IReadOnlyList<string?>>(etags);
        }

        private async IAsyncEnumerable<TableRow> Select(Func<TableRow, bool> predicate, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            counts.Requests++;
            var matching = rows.Values.Where(predicate).Select(Copy).ToList();
            counts.Read += matching.Count;
            foreach (var partition in matching.GroupBy(r => r.PartitionKey))
            {
                counts.Count(partition.Key, partition.Count());
            }

            foreach (var row in matching)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return row;
            }

            await Task.CompletedTask;
        }

        private static TableRow Copy(TableRow row)
        {
            var copy = new TableRow(row.PartitionKey, row.RowKey) { ETag = row.ETag };
            foreach (var (property, value) in row.Properties.Where(p => p.Value is not null))
            {
                copy[property] = value;
            }

            return copy;
        }
    }
}
