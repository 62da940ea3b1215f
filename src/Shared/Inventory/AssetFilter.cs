namespace Qlrf.Inventory;

/// <summary>Filters for listing assets. Every given filter must match; every tag must match.</summary>
public sealed record AssetFilter
{
    public Platform? Platform { get; init; }

    public string? Site { get; init; }

    public string? Environment { get; init; }

    public string? ImageFamily { get; init; }

    public AssetState? State { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    public bool Matches(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return (Platform is null || asset.Platform == Platform)
            && (Site is null || asset.Site == Site)
            && (Environment is null || asset.Environment == Environment)
            && (ImageFamily is null || asset.Image?.Family == ImageFamily)
            && (State is null || asset.State == State)
            && Tags.All(t => asset.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
    }
}
