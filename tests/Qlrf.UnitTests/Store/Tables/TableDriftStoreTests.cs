using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>What the Table Storage drift store adds to the shared scenario: chunks that fit a batch, ETag retries, snapshots.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableDriftStoreTests
{
    private const string Org = "acme";
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly TableInventoryStore inventory;
    private readonly TableImageStore images;
    private readonly TableDriftStore drift;

    public TableDriftStoreTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        inventory = new TableInventoryStore(tables, time);
        images = new TableImageStore(tables, time);
        drift = new TableDriftStore(tables, inventory, time);
    }

    private ObservedTable Table => tables.Table(TableNames.Drift);

    private async Task<List<string>> AddAssetsAsync(int count, string version)
    {
        var changes = Enumerable.Range(0, count).Select(i => new AssetChanged
        {
            EventId = Guid.NewGuid(),
            Organisation = Org,
            Source = "sandbox",
            SweepRunId = "run",
            Kind = AssetChangeKind.Added,
            AssetId = $"vm-{i:D4}",
            Version = 1,
            Hash = "h",
            Asset = new Asset
            {
                Id = $"vm-{i:D4}",
                Name = $"vm-{i:D4}",
                Platform = i % 2 == 0 ? Platform.Aws : Platform.Gcp,
                Site = "site-" + (i % 7),
                Environment = i % 3 == 0 ? "prod" : "dev",
                Image = new ImageRef("ubuntu", version),
            },
            DetectedAt = time.GetUtcNow(),
        }).ToList();
        await inventory.ApplyAsync(changes, default);
        return changes.ConvertAll(c => c.AssetId);
    }

    private async Task RegisterAndPromoteAsync(params string[] versions)
    {
        await images.CreateFamilyAsync(new ImageFamily { Organisation = Org, Name = "ubuntu", Os = "linux", Owner = "platform", CreatedAt = time.GetUtcNow(), CreatedBy = "alice" }, default);
        foreach (var version in versions)
        {
            await images.RegisterVersionAsync(new ImageVersion
            {
                Organisation = Org,
                Id = "ubuntu@" + version,
                Family = "ubuntu",
                Version = version,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = "alice",
                Releases = [new PlatformRelease { Platform = Platform.Aws, Reference = "ami" }, new PlatformRelease { Platform = Platform.Gcp, Reference = "img" }],
            }, default);
            foreach (var to in new[] { LifecycleStatus.Testing, LifecycleStatus.Production })
            {
                await images.TransitionAsync(Org, new TransitionRequest { VersionId = "ubuntu@" + version, To = to, Reason = "ship", Actor = "bob", At = time.GetUtcNow() }, default);
            }

            time.Advance(TimeSpan.FromDays(3));
        }
    }

    /// <summary>The first <paramref name="count"/> of the ids that share the first id's shard (so one batch writes them).</summary>
    private static List<string> OnOneShard(List<string> ids, int count) =>
        ids.Where(id => DriftTableRows.Place(id).Shard == DriftTableRows.Place(ids[0]).Shard).Take(count).ToList() is { } same && same.Count == count
            ? same
            : throw new InvalidOperationException("Too few ids share a shard.");

    private async Task AssertSummariesEqualRecomputeAsync(IEnumerable<string> ids)
    {
        var rows = new List<AssetDrift>();
        foreach (var id in ids)
        {
            rows.Add((await drift.GetAssetAsync(Org, id, default))!);
        }

        var expected = DriftRecompute.Summaries(rows);
        var stored = await drift.GetSummariesAsync(Org, default);
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, stored[e.Key]));
    }

    [Fact]
    public async Task Reconciling_more_assets_than_a_batch_takes_writes_chunks_whose_summaries_add_up()
    {
        await RegisterAndPromoteAsync("1.0", "2.0");
        var ids = await AddAssetsAsync(250, "1.0");

        Assert.Equal(250, await drift.ReconcileAssetsAsync(Org, ids, default));

        var upkeep = Table.Batches.Where(b => b[0].Row.PartitionKey.StartsWith(Org + "|d", StringComparison.Ordinal)).ToList();
        Assert.True(upkeep.Select(b => b[0].Row.PartitionKey).Distinct().Count() > 3);
        Assert.InRange(upkeep.Sum(b => b.Count), 250, 250 * 1.5);
        await AssertSummariesEqualRecomputeAsync(ids);
        var organisation = (await drift.GetSummariesAsync(Org, default))[DriftGroup.Organisation];
        Assert.Equal((250L, 250L), (organisation.Total, organisation.Outdated));
        Assert.Equal([Org], await drift.ListOrganisationsAsync(default));
    }

    [Fact]
    public async Task A_promotion_re_evaluates_the_family_and_clears_its_mark_and_outdated_assets_page_longest_behind_first()
    {
        await RegisterAndPromoteAsync("1.0");
        var ids = await AddAssetsAsync(30, "1.0");
        await drift.ReconcileAssetsAsync(Org, ids, default);
        await RegisterAndPromoteAsync("2.0");
        Assert.Contains((Org, "ubuntu"), await drift.ListPendingAsync(default));

        Assert.Equal(30, await drift.ReevaluateFamilyAsync(Org, "ubuntu", default));

        Assert.Empty(await drift.ListPendingAsync(default));
        await AssertSummariesEqualRecomputeAsync(ids);
        var first = await drift.ListOutdatedAsync(Org, new DriftFilter { Environment = "prod" }, 4, null, default);
        var second = await drift.ListOutdatedAsync(Org, new DriftFilter { Environment = "prod" }, 20, first.NextCursor, default);
        Assert.Equal(ids.Where((_, i) => i % 3 == 0), first.Items.Concat(second.Items).Select(a => a.AssetId));
        Assert.Null(second.NextCursor);
        var running = await drift.ListRunningAsync(Org, "ubuntu", "1.0", 100, "vm-0009", default);
        Assert.Equal(ids.Skip(10), running.Items.Select(a => a.AssetId));
    }

    [Fact]
    public async Task A_chunk_that_races_another_upkeep_is_read_again_and_counted_once()
    {
        await RegisterAndPromoteAsync("1.0");
        var ids = OnOneShard(await AddAssetsAsync(100, "0.9"), 5);
        await drift.ReconcileAssetsAsync(Org, ids.Take(1).ToList(), default);
        Table.RaceNextSubmit();

        Assert.Equal(4, await drift.ReconcileAssetsAsync(Org, ids, default));
        Assert.Equal(0, await drift.ReconcileAssetsAsync(Org, ids, default));

        await AssertSummariesEqualRecomputeAsync(ids);
        Assert.Equal(5, (await drift.GetSummariesAsync(Org, default))[DriftGroup.Organisation].Total);
    }

    [Fact]
    public async Task An_asset_that_changes_family_moves_its_row_and_a_promotion_writes_one_entity_per_changed_asset_and_a_summary_per_shard_batch()
    {
        await RegisterAndPromoteAsync("1.0");
        var ids = await AddAssetsAsync(120, "1.0");
        await drift.ReconcileAssetsAsync(Org, ids, default);
        await inventory.ApplyAsync([new AssetChanged
        {
            EventId = Guid.NewGuid(), Organisation = Org, Source = "sandbox", SweepRunId = "run", Kind = AssetChangeKind.Updated, AssetId = ids[0], Version = 2, Hash = "h2",
            Asset = new Asset { Id = ids[0], Name = ids[0], Platform = Platform.Aws, Site = "site-0", Environment = "prod", Image = new ImageRef("debian", "12") },
            DetectedAt = time.GetUtcNow(),
        }], default);

        Assert.Equal(1, await drift.ReconcileAssetsAsync(Org, [ids[0]], default));
        Assert.Equal(0, await drift.ReconcileAssetsAsync(Org, [ids[0]], default));

        Assert.Equal("debian", (await drift.GetAssetAsync(Org, ids[0], default))!.Family);
        Assert.Equal(119, (await drift.GetSummariesAsync(Org, default))[new DriftGroup(DriftDimension.Family, "ubuntu", string.Empty)].Total);
        await RegisterAndPromoteAsync("2.0");
        var before = Table.Batches.Count;

        Assert.Equal(119, await drift.ReevaluateFamilyAsync(Org, "ubuntu", default));

        var promotion = Table.Batches.Skip(before).Where(b => b[0].Row.PartitionKey.StartsWith(Org + "|d", StringComparison.Ordinal)).ToList();
        Assert.All(promotion, b => Assert.Equal(b.Count - 1, b.Count(a => a.Row.RowKey.StartsWith("f|ubuntu|", StringComparison.Ordinal))));
        Assert.Equal(119, promotion.Sum(b => b.Count - 1));
        await AssertSummariesEqualRecomputeAsync(ids);
        var running = await drift.ListRunningAsync(Org, "ubuntu", "1.0", 200, null, default);
        Assert.Equal(ids.Skip(1), running.Items.Select(a => a.AssetId));
    }

    [Fact]
    public async Task A_removed_asset_leaves_drift_and_a_group_left_empty_is_deleted()
    {
        await RegisterAndPromoteAsync("1.0");
        var ids = await AddAssetsAsync(2, "1.0");
        await drift.ReconcileAssetsAsync(Org, ids, default);
        await inventory.ApplyAsync(ids.Select(id => new AssetChanged
        {
            EventId = Guid.NewGuid(), Organisation = Org, Source = "sandbox", SweepRunId = "run", Kind = AssetChangeKind.Removed, AssetId = id, Version = 2, DetectedAt = time.GetUtcNow(),
        }).ToList(), default);

        Assert.Equal(2, await drift.ReconcileAssetsAsync(Org, ids, default));

        Assert.Empty(await drift.GetSummariesAsync(Org, default));
        Assert.Empty(await Table.ScanAsync(Org, TableKeys.PrefixEnd(Org), default).ToListAsync(default));
        Assert.Empty(await drift.ListOrganisationsAsync(default));
    }

    [Fact]
    public async Task A_daily_snapshot_taken_again_replaces_the_days_one_and_old_snapshots_are_pruned()
    {
        DriftSnapshot Snapshot(string id, long compliant) => new(Org, id, time.GetUtcNow(), SnapshotTrigger.Daily,
        [
            new SnapshotRow(DriftGroup.Organisation, new DriftSummary { Total = compliant, Compliant = compliant, Outdated = 0, Ahead = 0, Unknown = 0 }),
            new SnapshotRow(new DriftGroup(DriftDimension.Site, "lon/1", string.Empty), new DriftSummary { Total = 1, Compliant = 1, Outdated = 0, Ahead = 0, Unknown = 0 }),
        ]);
        var start = time.GetUtcNow();
        await drift.SaveSnapshotAsync(Snapshot("daily-1", 5), default);
        time.Advance(TimeSpan.FromHours(2));
        await drift.SaveSnapshotAsync(Snapshot("daily-1", 7), default);
        time.Advance(TimeSpan.FromDays(1));
        await drift.SaveSnapshotAsync(Snapshot("daily-2", 9), default);

        var listed = await drift.ListSnapshotsAsync(Org, start, time.GetUtcNow(), DriftDimension.Organisation, default);

        Assert.Equal([("daily-1", 7L), ("daily-2", 9L)], listed.Select(s => (s.Id, Assert.Single(s.Rows).Summary.Compliant)));
        Assert.Equal(start.AddHours(2), listed[0].TakenAt);
        Assert.Equal("lon/1", Assert.Single(Assert.Single(await drift.ListSnapshotsAsync(Org, start, start.AddHours(3), DriftDimension.Site, default)).Rows).Group.Key);
        Assert.Equal(4, (await tables.Table(TableNames.DriftSnapshots).QueryPrefixAsync(Org, "r|", default).ToListAsync(default)).Count);

        Assert.Equal(1, await drift.PruneSnapshotsAsync(start.AddDays(1), default));

        Assert.Equal(["daily-2"], (await drift.ListSnapshotsAsync(Org, start, time.GetUtcNow(), DriftDimension.Organisation, default)).Select(s => s.Id));
        Assert.Equal(2, (await tables.Table(TableNames.DriftSnapshots).QueryPrefixAsync(Org, "r|", default).ToListAsync(default)).Count);
    }

    [Fact]
    public async Task A_promotion_and_its_re_evaluation_between_reading_a_baseline_and_writing_leave_the_family_marked_and_then_right()
    {
        await RegisterAndPromoteAsync("1.0", "2.0");
        var hooked = new HookedTables(tables);
        var racing = new TableDriftStore(hooked, inventory, time);
        var ids = OnOneShard(await AddAssetsAsync(100, "2.0"), 3);
        hooked.BeforeFirstDriftWrite = async () =>
        {
            // Lands after the reconcile below read the baseline (2.0 in production), before it writes.
            await RegisterAndPromoteAsync("3.0");
            await racing.ReevaluateFamilyAsync(Org, "ubuntu", default);
        };

        await racing.ReconcileAssetsAsync(Org, ids, default);

        Assert.Equal(DriftStatus.Compliant, (await drift.GetAssetAsync(Org, ids[0], default))!.Status);
        Assert.Contains((Org, "ubuntu"), await drift.ListPendingAsync(default));
        await drift.ReevaluateFamilyAsync(Org, "ubuntu", default);
        foreach (var id in ids)
        {
            Assert.Equal(DriftStatus.Outdated, (await drift.GetAssetAsync(Org, id, default))!.Status);
        }

        await AssertSummariesEqualRecomputeAsync(ids);
    }

    /// <summary>Tables whose drift table runs a hook once, before the first batch that writes an asset's drift.</summary>
    private sealed class HookedTables(ITables inner) : ITables
    {
        public Func<Task>? BeforeFirstDriftWrite { get; set; }

        public ITable this[string name] => name == TableNames.Drift ? new Hooked(inner[name], this) : inner[name];

        private sealed class Hooked(ITable table, HookedTables owner) : ITable
        {
            public string Name => table.Name;

            public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => table.GetAsync(partitionKey, rowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
                table.QueryAsync(partitionKey, fromRowKey, toRowKey, cancellationToken);

            public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
                table.ScanAsync(fromPartitionKey, toPartitionKey, cancellationToken);

            public async Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
            {
                if (owner.BeforeFirstDriftWrite is { } hook && actions.Any(a => a.Row.RowKey.StartsWith("f|", StringComparison.Ordinal)))
                {
                    owner.BeforeFirstDriftWrite = null;
                    await hook();
                }

                return await table.SubmitAsync(actions, cancellationToken);
            }
        }
    }
}
