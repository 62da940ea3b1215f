using System.Diagnostics;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Store.Tables;

namespace Qlrf.Bench.Drift;

/// <summary>
/// What drift upkeep asks of Table Storage: the stores run on an in-memory table that counts requests and entity
/// writes, and the least time each phase would take on Azure is estimated from Table Storage's scalability targets (about
/// 2,000 entities a second per partition and 20,000 per storage account): the larger of its busiest partition's entities
/// over the first and all its entities over the second. The request count bounds the latency cost (upkeep reads 16 assets
/// at a time).
/// </summary>
internal static class TablesCost
{
    private const double EntitiesPerSecondPerPartition = 2_000;
    private const double EntitiesPerSecondPerAccount = 20_000;

    public static async Task RunAsync(int assets, int familyCount)
    {
        BenchReport.Line($"Table Storage cost of drift upkeep: {assets:N0} assets in {familyCount} families (in-memory tables counting requests)");
        var time = TimeProvider.System;
        var tables = new CountingTables();
        var inventory = new TableInventoryStore(tables, time);
        var images = new TableImageStore(tables, time);
        var drift = new TableDriftStore(tables, inventory, time);
        var estate = new BenchEstate(assets, familyCount, sites: 20, seed: 42);
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        await estate.RegisterAsync(images, start);
        foreach (var chunk in estate.Assets.Chunk(500))
        {
            await inventory.ApplyAsync(chunk.Select(a => new AssetChanged
            {
                EventId = Guid.NewGuid(),
                Organisation = BenchEstate.Org,
                Source = "bench",
                SweepRunId = "bench",
                Kind = AssetChangeKind.Added,
                AssetId = a.Id,
                Version = 1,
                Hash = "h",
                Asset = a,
                DetectedAt = start,
            }).ToList(), default);
        }

        foreach (var (org, pending) in await drift.ListPendingAsync(default))
        {
            await drift.ReevaluateFamilyAsync(org, pending, default);
        }

        var added = 0;
        await MeasureAsync(tables, $"initial upkeep of {assets:N0} assets (queue batches of 500)", () => added, async () =>
        {
            foreach (var chunk in estate.Assets.Chunk(500))
            {
                added += await drift.ReconcileAssetsAsync(BenchEstate.Org, chunk.Select(a => a.Id).ToList(), default);
            }
        });

        // Version changes to assets picked at random, in queue batches of 500 (the inventory changed first, not counted).
        var random = new Random(7);
        var picks = Enumerable.Range(0, Math.Min(assets, 5_000)).Select(_ => estate.Assets[random.Next(assets)]).DistinctBy(a => a.Id).ToList();
        foreach (var chunk in picks.Chunk(500))
        {
            await inventory.ApplyAsync(chunk.Select(a => new AssetChanged
            {
                EventId = Guid.NewGuid(),
                Organisation = BenchEstate.Org,
                Source = "bench",
                SweepRunId = "bench",
                Kind = AssetChangeKind.Updated,
                AssetId = a.Id,
                Version = 2,
                Hash = "h2",
                Asset = a with { Image = a.Image! with { Version = a.Image.Version == "1.8" ? "1.5" : "1.8" } },
                DetectedAt = start,
            }).ToList(), default);
        }

        var updated = 0;
        await MeasureAsync(tables, $"upkeep of {picks.Count:N0} version changes at random (queue batches of 500)", () => updated, async () =>
        {
            foreach (var chunk in picks.Chunk(500))
            {
                updated += await drift.ReconcileAssetsAsync(BenchEstate.Org, chunk.Select(a => a.Id).ToList(), default);
            }
        });

        var family = estate.Families[1];
        var familyAssets = estate.Assets.Count(a => a.Image!.Family == family);
        var promoted = 0;
        await MeasureAsync(tables, $"promotion re-evaluating {familyAssets:N0} assets of {family}", () => promoted, async () =>
        {
            await images.TransitionAsync(BenchEstate.Org, BenchEstate.Request(ImageNames.VersionId(family, "1.9"), LifecycleStatus.Production, start.AddDays(90)), default);
            promoted = await drift.ReevaluateFamilyAsync(BenchEstate.Org, family, default);
        });

        await MeasureAsync(tables, "summary read", () => 1, async () => await drift.GetSummariesAsync(BenchEstate.Org, default));
        var stored = await drift.GetSummariesAsync(BenchEstate.Org, default);
        BenchReport.Line($"check: organisation total {stored[DriftGroup.Organisation].Total:N0} = assets {assets:N0}; {stored.Count} summary groups");
    }

    private static async Task MeasureAsync(CountingTables tables, string what, Func<int> changed, Func<Task> run)
    {
        var before = tables.Counts();
        var partitionsBefore = new Dictionary<string, long>(tables.ByPartition, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await run();
        var elapsed = clock.Elapsed;
        var (requests, batches, writes, read) = tables.Counts() - before;
        var busiest = tables.ByPartition.Select(p => p.Value - partitionsBefore.GetValueOrDefault(p.Key)).DefaultIfEmpty().Max();
        var partitions = tables.ByPartition.Count(p => p.Value != partitionsBefore.GetValueOrDefault(p.Key));
        var seconds = Math.Max(busiest / EntitiesPerSecondPerPartition, (writes + read) / EntitiesPerSecondPerAccount);
        BenchReport.Line(
            $"{what}: {requests:N0} requests ({batches:N0} batches), {writes:N0} entity writes ({(double)writes / Math.Max(1, changed()):F2} per changed asset, {changed():N0} changed), "
            + $"{read:N0} entities read, over {partitions} partitions (busiest {busiest:N0} entities); "
            + $"at least {seconds:F1} s on Azure at 2,000 entities/s per partition and 20,000/s per account; in memory {elapsed.TotalMilliseconds:N0} ms");
    }
}
