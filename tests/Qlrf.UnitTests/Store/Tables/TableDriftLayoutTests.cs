using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>Drift kept in the layout before the sharded one (one partition per organisation) is rebuilt on first use.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableDriftLayoutTests(Azurite azurite)
{
    private const string Org = "acme";
    private readonly ManualTimeProvider time = new();
    private readonly AzureTables tables = azurite.NewTables();

    private ITable Table => tables[TableNames.Drift];

    [Fact]
    public async Task Drift_in_the_old_layout_is_rebuilt_from_the_inventory_once_and_its_rows_removed()
    {
        var ids = await SeedAsync(40);
        await WriteOldLayoutAsync(ids);
        var drift = new TableDriftStore(tables, new TableInventoryStore(tables, time), time);

        var summaries = await drift.GetSummariesAsync(Org, default);

        Assert.Equal(1, drift.Rebuilt);
        Assert.Equal((40L, 40L), (summaries[DriftGroup.Organisation].Total, summaries[DriftGroup.Organisation].Outdated));
        var rows = new List<AssetDrift>();
        foreach (var id in ids)
        {
            var row = await drift.GetAssetAsync(Org, id, default);
            Assert.NotNull(row);
            Assert.Equal(("1.0", DriftStatus.Outdated), (row.Version, row.Status));
            rows.Add(row);
        }

        Assert.Equivalent(DriftRecompute.Summaries(rows), summaries, strict: true);
        Assert.Empty(await Table.QueryAsync(Org, "a", "t", default).Where(r => r.RowKey != "thresholds").ToListAsync());
        Assert.Equal([Org], await drift.ListOrganisationsAsync(default));

        // Another instance (a restart) finds the marker: nothing rebuilt, the same summaries.
        var again = new TableDriftStore(tables, new TableInventoryStore(tables, time), time);
        Assert.Equivalent(summaries, await again.GetSummariesAsync(Org, default), strict: true);
        Assert.Equal(0, again.Rebuilt);
    }

    [Fact]
    public async Task A_rebuild_cut_short_runs_again_without_counting_an_asset_twice()
    {
        var ids = await SeedAsync(30);
        var inventory = new TableInventoryStore(tables, time);
        var first = new TableDriftStore(tables, inventory, time);
        await first.ReconcileAssetsAsync(Org, ids, default);

        // As if a rebuild had reconciled every asset and stopped before removing the old rows and writing the marker.
        await WriteOldLayoutAsync(ids);
        await Table.SubmitAsync([TableAction.Delete(new TableRow("|layouts", Org))], default);
        var drift = new TableDriftStore(tables, inventory, time);

        var organisation = (await drift.GetSummariesAsync(Org, default))[DriftGroup.Organisation];

        Assert.Equal(1, drift.Rebuilt);
        Assert.Equal((30L, 30L), (organisation.Total, organisation.Outdated));
    }

    [Fact]
    public async Task An_organisation_with_no_drift_yet_gets_the_marker_without_a_rebuild()
    {
        var ids = await SeedAsync(5);
        var drift = new TableDriftStore(tables, new TableInventoryStore(tables, time), time);

        Assert.Empty(await drift.GetSummariesAsync(Org, default));
        Assert.Equal(0, drift.Rebuilt);
        Assert.NotNull(await Table.GetAsync("|layouts", Org, default));
        Assert.Equal(5, await drift.ReconcileAssetsAsync(Org, ids, default));
    }

    /// <summary>An inventory of <paramref name="count"/> assets on ubuntu 1.0, with 2.0 in production.</summary>
    private async Task<List<string>> SeedAsync(int count)
    {
        var images = new TableImageStore(tables, time);
        await images.CreateFamilyAsync(new ImageFamily { Organisation = Org, Name = "ubuntu", Os = "linux", Owner = "platform", CreatedAt = time.GetUtcNow(), CreatedBy = "alice" }, default);
        foreach (var version in new[] { "1.0", "2.0" })
        {
            await images.RegisterVersionAsync(new ImageVersion
            {
                Organisation = Org,
                Id = "ubuntu@" + version,
                Family = "ubuntu",
                Version = version,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = "alice",
                Releases = [new PlatformRelease { Platform = Platform.Aws, Reference = "ami" }],
            }, default);
            foreach (var to in new[] { LifecycleStatus.Testing, LifecycleStatus.Production })
            {
                await images.TransitionAsync(Org, new TransitionRequest { VersionId = "ubuntu@" + version, To = to, Reason = "ship", Actor = "bob", At = time.GetUtcNow() }, default);
            }

            time.Advance(TimeSpan.FromDays(3));
        }

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
            Asset = new Asset { Id = $"vm-{i:D4}", Name = $"vm-{i:D4}", Platform = Platform.Aws, Site = "site-" + (i % 3), Environment = "prod", Image = new ImageRef("ubuntu", "1.0") },
            DetectedAt = time.GetUtcNow(),
        }).ToList();
        await new TableInventoryStore(tables, time).ApplyAsync(changes, default);
        return changes.ConvertAll(c => c.AssetId);
    }

    /// <summary>Rows as the version before the sharded layout wrote them (stale on purpose: every asset "compliant").</summary>
    private async Task WriteOldLayoutAsync(List<string> ids)
    {
        var actions = new List<TableAction>();
        foreach (var id in ids)
        {
            var stale = new AssetDrift { AssetId = id, Name = id, Platform = Platform.Aws, Site = "old", Environment = "prod", Family = "ubuntu", Version = "1.0", Status = DriftStatus.Compliant };
            actions.Add(TableAction.Upsert(OldRow("a|" + id, stale)));
            actions.Add(TableAction.Upsert(OldRow("f|ubuntu|" + id, stale)));
        }

        actions.Add(TableAction.Upsert(new TableRow(Org, "s|organisation||") { ["Dimension"] = "organisation", ["Key"] = string.Empty, ["Key2"] = string.Empty, ["Total"] = (long)ids.Count, ["Compliant"] = (long)ids.Count }));
        foreach (var chunk in actions.Chunk(TableLimits.MaxBatchActions))
        {
            await Table.SubmitAsync(chunk, default);
        }

        await Table.UpsertAsync(new TableRow("|orgs", Org) { ["Organisation"] = Org }, default);
    }

    private static TableRow OldRow(string rowKey, AssetDrift drift)
    {
        var row = new TableRow(Org, rowKey);
        JsonColumns.Write(row, drift);
        return row;
    }
}
