using Qlrf.Dr;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Dr;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>What the DR stores on Table Storage do beyond the shared contract: the guard row, races and the scheduler's index.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableDrStoresTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider time = new(T);
    private readonly ObservedTables tables;

    public TableDrStoresTests(Azurite azurite) => tables = new(azurite.NewTables());

    private static DrillRecord Drill(string id, string pair = "orders-db") => new()
    {
        Organisation = "acme",
        Id = id,
        PairId = pair,
        Kind = DrillKind.TestFailover,
        Trigger = DrillTrigger.Manual,
        RequestedBy = "user:alice",
        CreatedAt = T,
    };

    [Fact]
    public async Task A_drill_starts_in_one_batch_with_the_guard_row_of_its_pair()
    {
        var drills = new TableDrillStore(tables);

        await drills.TryStartAsync(Drill("dr-1"), default);

        var batch = Assert.Single(tables.Table(TableNames.Drills).Batches);
        Assert.Contains(batch, a => a.Kind == TableActionKind.Add && a.Row.RowKey == "live|orders-db" && (string?)a.Row["DrillId"] == "dr-1");
        Assert.Contains(batch, a => a.Kind == TableActionKind.Add && a.Row.RowKey == "d|dr-1");
    }

    [Fact]
    public async Task Of_two_drills_racing_for_a_pair_one_starts_and_the_other_finds_it_busy()
    {
        var racing = new RacingTables(tables);
        var drills = new TableDrillStore(racing);
        DrillStart? rival = null;
        racing.BeforeFirstSubmit = async () => rival = await new TableDrillStore(tables).TryStartAsync(Drill("dr-rival"), default);

        var start = await drills.TryStartAsync(Drill("dr-1"), default);

        Assert.Equal(DrillStartResult.Started, rival!.Result);
        Assert.Equal((DrillStartResult.Busy, "dr-rival"), (start.Result, start.Drill.Id));
        Assert.Null(await drills.GetAsync("acme", "dr-1", default));
    }

    [Fact]
    public async Task Finishing_frees_the_pair_in_the_batch_that_records_the_outcome()
    {
        var drills = new TableDrillStore(tables);
        await drills.TryStartAsync(Drill("dr-1"), default);
        var report = new DrillJournal().Build(
            new DrillReportHeader("acme", "dr-1", DrPairSummary.Of(DrillPlatformFake.Pair()), DrillKind.TestFailover, false, DrillTrigger.Manual, "user:alice", T, [], null),
            DrillOutcome.Passed, "passed", null, null, T.AddMinutes(3));

        await drills.FinishAsync(report, default);

        var batch = tables.Table(TableNames.Drills).Batches[^1];
        Assert.Equal(
            [(TableActionKind.Replace, "d|dr-1"), (TableActionKind.Upsert, "r|dr-1"), (TableActionKind.Delete, "live|orders-db"), (TableActionKind.Add, "last|orders-db")],
            batch.Select(a => (a.Kind, a.Row.RowKey)));
    }

    [Fact]
    public async Task A_pair_edit_that_loses_a_race_with_another_edit_is_refused()
    {
        var racing = new RacingTables(tables);
        var pairs = new TableDrPairStore(racing, time);
        var created = (await pairs.CreateAsync(DrillPlatformFake.Pair(), null, default))!;
        var rival = new TableDrPairStore(tables, time);
        racing.BeforeFirstSubmit = async () => await rival.ReplaceAsync(created with { Name = "Rival" }, created.ETag, null, default);

        Assert.Null(await pairs.ReplaceAsync(created with { Name = "Mine" }, created.ETag, null, default));
        Assert.Equal(("Rival", 2L), ((await pairs.GetAsync("acme", created.Id, default))!.Name, (await pairs.GetAsync("acme", created.Id, default))!.ETag));
    }

    [Fact]
    public async Task An_index_row_without_its_schedule_is_skipped_and_deleted_once_past_the_grace()
    {
        var pairs = new TableDrPairStore(tables, time);
        var index = tables.Table(TableNames.DrPairs);
        await index.UpsertAsync(new TableRow(TableDrPairStore.DuePartition, TableKeys.Number(T.ToUnixTimeMilliseconds()) + "|acme|gone") { ["WrittenAt"] = T }, default);

        Assert.Empty(await pairs.ListDueAsync(T, 10, default));
        Assert.Single(await index.QueryAsync(TableDrPairStore.DuePartition, null, null, default).ToListAsync(default));

        time.Advance(TableDrPairStore.IndexGrace + TimeSpan.FromSeconds(1));
        Assert.Empty(await pairs.ListDueAsync(T, 10, default));
        Assert.Empty(await index.QueryAsync(TableDrPairStore.DuePartition, null, null, default).ToListAsync(default));
    }

    /// <summary>Tables whose first submit lets a rival writer go first (a race lost between a read and a write).</summary>
    private sealed class RacingTables(ITables inner) : ITables
    {
        public Func<Task>? BeforeFirstSubmit { get; set; }

        public ITable this[string name] => new RacingTable(inner[name], this);

        private sealed class RacingTable(ITable table, RacingTables owner) : ITable
        {
            public string Name => table.Name;

            public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => table.GetAsync(partitionKey, rowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
                table.QueryAsync(partitionKey, fromRowKey, toRowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
                table.ScanAsync(fromPartitionKey, toPartitionKey, cancellationToken);

            public async Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
            {
                if (owner.BeforeFirstSubmit is { } rival)
                {
                    owner.BeforeFirstSubmit = null;
                    await rival();
                }

                return await table.SubmitAsync(actions, cancellationToken);
            }
        }
    }
}
