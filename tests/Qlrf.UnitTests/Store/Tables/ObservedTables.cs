using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>
/// Real tables (Azurite's, through <see cref="AzureTables"/>) seen through <see cref="ObservedTable"/>: every batch the
/// stores submit is recorded, and a test can make the next one lose a race to another writer.
/// </summary>
public sealed class ObservedTables(ITables inner) : ITables
{
    private readonly Dictionary<string, ObservedTable> tables = new(StringComparer.Ordinal);

    public ITable this[string name] => Table(name);

    /// <summary>The real tables, unobserved (what a rival writer uses).</summary>
    public ITables Inner => inner;

    public ObservedTable Table(string name)
    {
        lock (tables)
        {
            return tables.TryGetValue(name, out var table) ? table : tables[name] = new ObservedTable(inner[name]);
        }
    }
}

/// <summary>A real table that records the batches submitted to it and can let a rival write first.</summary>
public sealed class ObservedTable(ITable inner) : ITable
{
    private bool raceNext;

    public string Name => inner.Name;

    /// <summary>Every batch the table accepted, in order.</summary>
    public List<IReadOnlyList<TableAction>> Batches { get; } = [];

    /// <summary>Every batch submitted, accepted or refused, in order.</summary>
    public List<IReadOnlyList<TableAction>> Submitted { get; } = [];

    /// <summary>
    /// Before the next batch, another writer rewrites every row that batch writes conditionally (same content, so a new
    /// ETag): the table itself then refuses the batch, as it would when two writers race.
    /// </summary>
    public void RaceNextSubmit() => raceNext = true;

    public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => inner.GetAsync(partitionKey, rowKey, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
        inner.QueryAsync(partitionKey, fromRowKey, toRowKey, cancellationToken);

    public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
        inner.ScanAsync(fromPartitionKey, toPartitionKey, cancellationToken);

    public async Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        lock (Submitted)
        {
            Submitted.Add(actions);
        }

        if (raceNext)
        {
            raceNext = false;
            var conditional = actions.Where(a => a.ETag is not null).ToList();
            Assert.True(conditional.Count > 0, "The batch to race writes no row conditionally.");
            foreach (var action in conditional)
            {
                var current = await inner.GetAsync(action.Row.PartitionKey, action.Row.RowKey, cancellationToken) ?? throw new InvalidOperationException("A conditional write's row is gone.");
                await inner.SubmitAsync([TableAction.Replace(current, current.ETag)], cancellationToken);
            }
        }

        var etags = await inner.SubmitAsync(actions, cancellationToken);
        lock (Batches)
        {
            Batches.Add(actions);
        }

        return etags;
    }
}
