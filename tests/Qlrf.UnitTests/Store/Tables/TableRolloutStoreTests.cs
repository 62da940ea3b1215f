using Qlrf.Rollouts;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>What the rollout store on Table Storage does beyond the shared contract: the idempotency key's guard row, and plans past a batch.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRolloutStoreTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly ObservedTables tables;

    public TableRolloutStoreTests(Azurite azurite) => tables = new(azurite.NewTables());

    private static Rollout Rollout(string id, string? key) => new()
    {
        Id = id,
        Organisation = "acme",
        RequestedBy = "user:alice",
        CreatedAt = T,
        Request = new RolloutRequest { Target = new RolloutTarget { ImageFamily = "ubuntu", ImageVersion = "2026.11" } },
        IdempotencyKey = key,
    };

    [Fact]
    public async Task A_request_losing_the_race_for_its_key_leaves_nothing_behind_and_gets_the_winner()
    {
        var store = new TableRolloutStore(tables);
        var table = tables.Table(TableNames.Rollouts);
        await store.CreateAsync(Rollout("ro-1", "key-1"), default);
        // The loser checked the key before the winner's index batch: simulate it by dropping the guard, then putting it back as the race decides.
        var guard = (await table.GetAsync("acme", "k|key-1", default))!;
        await table.DeleteAsync("acme", "k|key-1", default);
        table.Submitted.Clear();
        var loser = new TableRolloutStore(new GuardRestoringTables(tables, tables.Inner, guard));

        var (rollout, created) = await loser.CreateAsync(Rollout("ro-2", "key-1"), default);

        Assert.Equal(("ro-1", false), (rollout.Id, created));
        Assert.Null(await table.GetAsync("acme|ro-2", "rollout", default));
        Assert.Contains(table.Submitted, b => b.Any(a => a.Row.RowKey == "k|key-1" && a.Kind == TableActionKind.Add));
    }

    [Fact]
    public async Task A_plan_of_more_assets_than_a_batch_holds_is_saved_whole()
    {
        var store = new TableRolloutStore(tables);
        await store.CreateAsync(Rollout("ro-1", null), default);
        var assets = Enumerable.Range(0, 250).Select(i => new RolloutAssetResult { AssetId = $"vm-{i:D4}", Stage = i / 100, Batch = 1 }).ToList();
        RolloutStage[] stages = [new(0, true, [assets.Take(100).Select(a => a.AssetId).ToList()]), new(1, false, [assets.Skip(100).Select(a => a.AssetId).ToList()])];

        await store.SavePlanAsync("acme", "ro-1", stages, assets, r => r with { Status = RolloutStatus.AwaitingApproval }, default);
        await store.SaveResultsAsync("acme", "ro-1", assets.Select(a => a with { Status = RolloutAssetStatus.Succeeded }).ToList(), new RolloutProgress { Done = 250 }, default);

        Assert.Equal(assets.Select(a => a.AssetId), (await store.ListResultsAsync("acme", "ro-1", default)).Select(r => r.AssetId));
        Assert.All(await store.ListResultsAsync("acme", "ro-1", default), r => Assert.Equal(RolloutAssetStatus.Succeeded, r.Status));
        Assert.Equal(150, (await store.GetStagesAsync("acme", "ro-1", default))[1].AssetCount);
        Assert.Equal(250, (await store.GetAsync("acme", "ro-1", default))!.Progress.Done);
    }

    /// <summary>Puts the winner's guard back just before the loser's index batch.</summary>
    private sealed class GuardRestoringTables(ITables inner, ITables winner, TableRow guard) : ITables
    {
        private bool restored;

        private TableRow Guard => guard;

        public ITable this[string name] => new Table(inner[name], winner[name], this);

        private sealed class Table(ITable table, ITable winner, GuardRestoringTables owner) : ITable
        {
            public string Name => table.Name;

            public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => table.GetAsync(partitionKey, rowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
                table.QueryAsync(partitionKey, fromRowKey, toRowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
                table.ScanAsync(fromPartitionKey, toPartitionKey, cancellationToken);

            public async Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
            {
                if (!owner.restored && actions.Any(a => a.Row.RowKey.StartsWith("k|", StringComparison.Ordinal)))
                {
                    owner.restored = true;
                    await winner.AddAsync(new TableRow(owner.Guard.PartitionKey, owner.Guard.RowKey) { ["RolloutId"] = owner.Guard["RolloutId"] }, cancellationToken);
                }

                return await table.SubmitAsync(actions, cancellationToken);
            }
        }
    }
}
