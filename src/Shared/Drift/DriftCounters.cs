namespace Qlrf.Drift;

/// <summary>
/// The additive state of one summary group: counts by status, and for outdated assets the sum of
/// versions behind and how many fell behind at each time (so days behind, maximum and average, can be
/// read at any moment, and the oldest survives removals). Adding an asset's drift and later
/// subtracting it leaves the counters as they were, which is what makes upkeep incremental.
/// </summary>
public sealed class DriftCounters : IEquatable<DriftCounters>
{
    public long Total { get; set; }

    public long Compliant { get; set; }

    public long Outdated { get; set; }

    public long Ahead { get; set; }

    public long Unknown { get; set; }

    public long VersionsBehindSum { get; set; }

    /// <summary>Outdated assets by the Unix second they fell behind (few distinct times: one per promotion).</summary>
    public Dictionary<long, long> SinceCounts { get; } = [];

    /// <summary>The earliest time an outdated asset fell behind, or null when none is outdated.</summary>
    public long? OldestSince => SinceCounts.Count == 0 ? null : SinceCounts.Keys.Min();

    public bool IsEmpty =>
        Total == 0 && Compliant == 0 && Outdated == 0 && Ahead == 0 && Unknown == 0 && VersionsBehindSum == 0 && SinceCounts.Count == 0;

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (-1) one asset's drift.</summary>
    public void Add(AssetDrift drift, int sign)
    {
        ArgumentNullException.ThrowIfNull(drift);
        Total += sign;
        switch (drift.Status)
        {
            case DriftStatus.Compliant:
                Compliant += sign;
                break;
            case DriftStatus.Ahead:
                Ahead += sign;
                break;
            case DriftStatus.Unknown:
                Unknown += sign;
                break;
            default:
                Outdated += sign;
                VersionsBehindSum += sign * drift.VersionsBehind;
                if (drift.OutdatedSince is { } since)
                {
                    AddSince(since, sign);
                }

                break;
        }
    }

    /// <summary>Adds another group's counters (a delta) to these.</summary>
    public void Add(DriftCounters delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Total += delta.Total;
        Compliant += delta.Compliant;
        Outdated += delta.Outdated;
        Ahead += delta.Ahead;
        Unknown += delta.Unknown;
        VersionsBehindSum += delta.VersionsBehindSum;
        foreach (var (since, count) in delta.SinceCounts)
        {
            AddSince(since, count);
        }
    }

    public DriftCounters Clone()
    {
        var copy = new DriftCounters();
        copy.Add(this);
        return copy;
    }

    public bool Equals(DriftCounters? other) =>
        other is not null
        && Total == other.Total && Compliant == other.Compliant && Outdated == other.Outdated && Ahead == other.Ahead && Unknown == other.Unknown
        && VersionsBehindSum == other.VersionsBehindSum
        && SinceCounts.Count == other.SinceCounts.Count && SinceCounts.All(s => other.SinceCounts.TryGetValue(s.Key, out var c) && c == s.Value);

    public override bool Equals(object? obj) => Equals(obj as DriftCounters);

    public override int GetHashCode() => HashCode.Combine(Total, Compliant, Outdated, Ahead, Unknown, VersionsBehindSum);

    public override string ToString() =>
        $"total={Total} compliant={Compliant} outdated={Outdated} ahead={Ahead} unknown={Unknown} behind={VersionsBehindSum} [{string.Join(",", SinceCounts.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}]";

    private void AddSince(long since, long count)
    {
        var now = SinceCounts.GetValueOrDefault(since) + count;
        if (now == 0)
        {
            SinceCounts.Remove(since);
        }
        else
        {
            SinceCounts[since] = now;
        }
    }
}
