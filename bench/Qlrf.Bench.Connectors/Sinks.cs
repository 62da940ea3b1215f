using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Bench.Connectors;

/// <summary>Counts what a source finds and keeps nothing.</summary>
internal sealed class CountingSink : ISweepSink
{
    public int Assets { get; private set; }

    public void AddSite(Site site)
    {
    }

    public void AddAsset(Asset asset) => Assets++;

    public void ReportScopeFailure(string scope, string message) => throw new InvalidOperationException($"{scope}: {message}");
}

/// <summary>Normalises, hashes and classifies each asset as found, as the sweeper does.</summary>
internal sealed class DifferSink(SweepDiffer differ) : ISweepSink
{
    public SweepDiffer Differ { get; } = differ;

    public void AddSite(Site site)
    {
    }

    public void AddAsset(Asset asset) => Differ.Observe(asset);

    public void ReportScopeFailure(string scope, string message) => throw new InvalidOperationException($"{scope}: {message}");
}
