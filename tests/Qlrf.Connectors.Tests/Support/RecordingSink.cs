using System.Collections.Concurrent;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Support;

/// <summary>Keeps what a source found.</summary>
public sealed class RecordingSink : ISweepSink
{
    public ConcurrentDictionary<string, Site> Sites { get; } = new();

    public ConcurrentQueue<Asset> Assets { get; } = new();

    public ConcurrentQueue<SweepError> Failures { get; } = new();

    public Asset Asset(string idEndsWith) => Assets.Single(a => a.Id.EndsWith(idEndsWith, StringComparison.Ordinal));

    public void AddSite(Site site) => Sites[site.Name] = site;

    public void AddAsset(Asset asset) => Assets.Enqueue(AssetNormaliser.Normalise(asset));

    public void ReportScopeFailure(string scope, string message) => Failures.Enqueue(new SweepError(scope, message));
}
