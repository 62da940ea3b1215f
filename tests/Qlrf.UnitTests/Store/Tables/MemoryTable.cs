using System.Runtime.CompilerServices;
using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>
/// An in-memory table with Azure Table Storage's rules, so the Table stores are tested against them: keys without
/// <c>/ \ # ?</c> or control characters, at most 252 properties of the supported types, strings of at most 32K
/// characters, ETags changing on every write, batches of at most 100 actions on distinct rows of one partition,
/// applied all or nothing, and ordinal key order.
/// </summary>
public sealed class MemoryTable(string name) : ITable
{
    private readonly SortedDictionary<(string Partition, string Row), TableRow> rows = new(Comparer<(string, string)>.Create(
        (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var p and not 0 ? p : string.CompareOrdinal(a.Item2, b.Item2)));

    private long version;

    public string Name => name;

    /// <summary>Every batch submitted, for tests that check what was written together.</summary>
    public List<IReadOnlyList<TableAction>> Batches { get; } = [];

    /// <summary>Fails the next submit with this exception, once (a write that races another).</summary>
    public Exception? FailNextSubmit { get; set; }

    public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            return Task.FromResult(rows.TryGetValue((partitionKey, rowKey), out var row) ? Copy(row) : null);
        }
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
        ArgumentNullException.ThrowIfNull(actions);
        if (FailNextSubmit is { } failure)
        {
            FailNextSubmit = null;
            throw failure;
        }

        if (actions.Count is 0 or > 100)
        {
            throw new ArgumentException($"A batch takes 1 to 100 actions, not {actions.Count}.");
        }

        if (actions.Select(a => a.Row.PartitionKey).Distinct().Count() > 1)
        {
            throw new ArgumentException("A batch writes one partition only.");
        }

        if (actions.Select(a => a.Row.RowKey).Distinct().Count() != actions.Count)
        {
            throw new ArgumentException("A batch writes each row once.");
        }

        foreach (var action in actions)
        {
            CheckRow(action.Row);
        }

        lock (rows)
        {
            foreach (var action in actions)
            {
                var exists = rows.TryGetValue((action.Row.PartitionKey, action.Row.RowKey), out var stored);
                switch (action.Kind)
                {
                    case TableActionKind.Add when exists:
                        throw new TableConflictException($"{name}: {action.Row.PartitionKey}/{action.Row.RowKey} exists.");
                    case TableActionKind.Replace or TableActionKind.Delete when !exists || (action.ETag is not null && action.ETag != stored!.ETag):
                        throw new TablePreconditionException($"{name}: {action.Row.PartitionKey}/{action.Row.RowKey} is not at the expected version.");
                }
            }

            Batches.Add(actions);
            var etags = new List<string?>();
            foreach (var action in actions)
            {
                var key = (action.Row.PartitionKey, action.Row.RowKey);
                if (action.Kind == TableActionKind.Delete)
                {
                    rows.Remove(key);
                    etags.Add(null);
                    continue;
                }

                var written = Copy(action.Row);
                written.ETag = $"W/\"{++version}\"";
                rows[key] = written;
                etags.Add(written.ETag);
            }

            return Task.FromResult<IReadOnlyList<string?>>(etags);
        }
    }

    private async IAsyncEnumerable<TableRow> Select(Func<TableRow, bool> predicate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<TableRow> matching;
        lock (rows)
        {
            matching = rows.Values.Where(predicate).Select(Copy).ToList();
        }

        foreach (var row in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return row;
        }
    }

    private static void CheckRow(TableRow row)
    {
        foreach (var key in new[] { row.PartitionKey, row.RowKey })
        {
            if (key.Length > 1024 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            {
                throw new ArgumentException($"'{key}' is not a valid table key.");
            }
        }

        var properties = row.Properties.Where(p => p.Value is not null).ToList();
        if (properties.Count > 252)
        {
            throw new ArgumentException($"A row holds at most 252 properties, not {properties.Count}.");
        }

        foreach (var (property, value) in properties)
        {
            switch (value)
            {
                case string s when s.Length > 32 * 1024:
                    throw new ArgumentException($"Property '{property}' holds {s.Length} characters; a string holds at most 32K.");
                case string or long or int or double or bool or DateTimeOffset or Guid or byte[]:
                    break;
                default:
                    throw new ArgumentException($"Property '{property}' is a {value!.GetType().Name}, which Table Storage does not store.");
            }
        }
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

/// <summary>A set of <see cref="MemoryTable"/>s by name.</summary>
public sealed class MemoryTables : ITables
{
    private readonly Dictionary<string, MemoryTable> tables = new(StringComparer.Ordinal);

    public ITable this[string name] => Table(name);

    public MemoryTable Table(string name)
    {
        lock (tables)
        {
            return tables.TryGetValue(name, out var table) ? table : tables[name] = new MemoryTable(name);
        }
    }
}
