using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Bench.Inventory;

/// <summary>An asset source over a list in memory, so the benchmark measures the diff and enqueue, not a parser.</summary>
internal sealed class ListSource(IReadOnlyList<Asset> assets) : IAssetSource
{
    public string Name => "synthetic";

    public string Organisation => "bench";

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
    {
        foreach (var site in assets.Select(a => a.Site).Distinct())
        {
            sink.AddSite(new Site(site, Platform.Sandbox, "r1", SiteKind.CloudRegion));
        }

        foreach (var asset in assets)
        {
            sink.AddAsset(asset);
        }

        return Task.CompletedTask;
    }
}
