using System.Diagnostics;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Store.Tables;

namespace Qlrf.Bench.Drift;

/// <summary>
/// What drift upkeep asks of Table Storage: the stores run on an in-memory table that counts requests and entity
/// writes, and the time each phase would take on one partition is estimated from Table Storage's scalability target
/// (about 2,000 entities a second per partition); the request count bounds the latency cost (upkeep reads 16 assets at a time).
/// </summary>
internal static class TablesCost
{
    private const double EntitiesPerSecond = 2_000;

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

        await MeasureAsync(tables, $"initial upkeep of {assets:N0} assets (queue batches of 500)", assets, async () =>
        {
            foreach (var chunk in estate.Assets.Chunk(500))
            {
                await drift.ReconcileAssetsAsync(BenchEstate.Org, chunk.Select(a => a.Id).ToList(), default);
            }
        });

        var family = estate.Families[1];
        var familyAssets = estate.Assets.Count(a => a.Image!.Family == family);
        await MeasureAsync(tables, $"promotion re-evaluating {familyAssets:N0} assets of {family}", familyAssets, async () =>
        {
            await images.TransitionAsync(BenchEstate.Org, BenchEstate.Request(ImageNames.VersionId(family, "1.9"), LifecycleStatus.Production, start.AddDays(90)), default);
            await drift.ReevaluateFamilyAsync(BenchEstate.Org, family, default);
        });

        await MeasureAsync(tables, "summary read", 1, async () => await drift.GetSummariesAsync(BenchEstate.Org, default));
        var stored = await drift.GetSummariesAsync(BenchEstate.Org, default);
        BenchReport.Line($"check: organisation total {stored[DriftGroup.Organisation].Total:N0} = assets {assets:N0}; {stored.Count} summary groups");
    }

    private static async Task MeasureAsync(CountingTables tables, string what, int assets, Func<Task> run)
    {
        var before = tables.Counts();
        var clock = Stopwatch.StartNew();
        await run();
        var elapsed = clock.Elapsed;
        var (requests, batches, writes, read) = tables.Counts() - before;
        var partitionSeconds = (writes + read) / EntitiesPerSecond;
        BenchReport.Line(
            $"{what}: {requests:N0} requests ({batches:N0} batches), {writes:N0} entity writes ({(double)writes / Math.Max(1, assets):F1} per asset), "
            + $"{read:N0} entities read; at least {partitionSeconds:F1} s on one partition at its throughput target; in memory {elapsed.TotalMilliseconds:N0} ms");
    }
}
