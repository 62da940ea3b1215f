namespace Qlrf.Drift;

/// <summary>
/// The change to the summaries from re-evaluating assets: for each asset, its old drift comes out of its
/// groups and its new drift goes in. A re-evaluation that changes nothing adds nothing.
/// </summary>
public sealed class DriftDelta
{
    private readonly Dictionary<DriftGroup, DriftCounters> groups = [];

    public IReadOnlyDictionary<DriftGroup, DriftCounters> Groups => groups;

    /// <summary>Assets whose drift changed.</summary>
    public int Changed { get; private set; }

    /// <summary>Records that an asset's drift went from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    public bool Apply(AssetDrift? before, AssetDrift? after)
    {
        if (before == after)
        {
            return false;
        }

        Changed++;
        if (before is not null)
        {
            Add(before, -1);
        }

        if (after is not null)
        {
            Add(after, 1);
        }

        return true;
    }

    private void Add(AssetDrift drift, int sign)
    {
        foreach (var group in DriftGroup.Of(drift))
        {
            if (!groups.TryGetValue(group, out var counters))
            {
                groups[group] = counters = new DriftCounters();
            }

            counters.Add(drift, sign);
        }
    }
}
