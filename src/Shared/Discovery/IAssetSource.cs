using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// A read-only connector that discovers the assets of one platform. A source streams what it finds into
/// the sink; it reports a scope it could not read (a region, subscription, cluster) as a scope failure,
/// which makes the sweep partial. It throws when it cannot produce a trustworthy result at all.
/// </summary>
public interface IAssetSource
{
    /// <summary>The configured name of this source, unique within the host.</summary>
    string Name { get; }

    /// <summary>The organisation whose assets this source discovers.</summary>
    string Organisation { get; }

    Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken);
}

/// <summary>Receives what an asset source finds, as it finds it.</summary>
public interface ISweepSink
{
    void AddSite(Site site);

    void AddAsset(Asset asset);

    void ReportScopeFailure(string scope, string message);
}
