namespace Qlrf.Discovery;

/// <summary>
/// What the last sweeps of a source recorded for one asset: its content hash, its change version, and
/// whether it was removed (a tombstone keeps the version counting up if the asset comes back).
/// </summary>
public sealed class SnapshotEntry(string hash, long version, bool removed)
{
    public string Hash { get; } = hash;

    public long Version { get; } = version;

    public bool Removed { get; } = removed;

    internal bool Seen { get; set; }
}
