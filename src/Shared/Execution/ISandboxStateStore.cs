namespace Qlrf.Execution;

/// <summary>
/// The built-in sandbox platform's own state: what its executors changed on top of the estate file.
/// The sandbox asset source lays these over the file on every sweep, so the next sweep sees them.
/// </summary>
public interface ISandboxStateStore
{
    Task<IReadOnlyDictionary<string, SandboxAssetState>> LoadAsync(string organisation, CancellationToken cancellationToken);

    Task<SandboxAssetState?> GetAsync(string organisation, string assetId, CancellationToken cancellationToken);

    /// <summary>Records the asset's image version (and reference); returns the state as written.</summary>
    Task<SandboxAssetState> SetImageAsync(string organisation, string assetId, string version, string? reference, string changedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Records the patch sets the asset carries (replacing the list; its image version as given when it has no
    /// state yet, else unchanged); returns the state as written.
    /// </summary>
    Task<SandboxAssetState> SetPatchSetsAsync(string organisation, string assetId, string version, string? reference, IReadOnlyList<string> patchSets, string changedBy, CancellationToken cancellationToken);
}

/// <summary>An asset's sandbox state: the image version and the patch sets executors set, and which step last changed it.</summary>
public sealed record SandboxAssetState(string AssetId, string ImageVersion, string? ImageReference, string ChangedBy, DateTimeOffset ChangedAt)
{
    /// <summary>The ids of the patch sets applied to the asset, in the order they were applied.</summary>
    public IReadOnlyList<string> PatchSets { get; init; } = [];

    public bool Equals(SandboxAssetState? other) =>
        other is not null
        && AssetId == other.AssetId
        && ImageVersion == other.ImageVersion
        && ImageReference == other.ImageReference
        && ChangedBy == other.ChangedBy
        && ChangedAt == other.ChangedAt
        && PatchSets.SequenceEqual(other.PatchSets, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(AssetId, ImageVersion, ImageReference, ChangedBy, ChangedAt, PatchSets.Count);
}
