namespace Qlrf.Drift;

/// <summary>Summaries computed from scratch over every asset's drift: what incremental upkeep must always equal.</summary>
public static class DriftRecompute
{
    public static Dictionary<DriftGroup, DriftCounters> Summaries(IEnumerable<AssetDrift> drifts)
    {
        ArgumentNullException.ThrowIfNull(drifts);
        var delta = new DriftDelta();
        foreach (var drift in drifts)
        {
            delta.Apply(null, drift);
        }

        return delta.Groups.ToDictionary(g => g.Key, g => g.Value);
    }
}
