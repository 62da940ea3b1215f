using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors;

/// <summary>A sink that several scopes read in parallel may share: calls reach the inner sink one at a time.</summary>
public sealed class SynchronizedSink(ISweepSink inner) : ISweepSink
{
    private readonly Lock gate = new();

    public void AddSite(Site site)
    {
        lock (gate)
        {
            inner.AddSite(site);
        }
    }

    public void AddAsset(Asset asset)
    {
        lock (gate)
        {
            inner.AddAsset(asset);
        }
    }

    public void ReportScopeFailure(string scope, string message)
    {
        lock (gate)
        {
            inner.ReportScopeFailure(scope, message);
        }
    }
}
