namespace Qlrf.Inventory;

/// <summary>
/// A VM, instance, scale-set instance or workload as discovered on its platform.
/// <see cref="Id"/> is stable across sweeps and unique within the organisation.
/// </summary>
public sealed record Asset
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required Platform Platform { get; init; }

    public required string Site { get; init; }

    public required string Environment { get; init; }

    public ImageRef? Image { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    public AssetState State { get; init; } = AssetState.Unknown;

    public AssetHealth Health { get; init; } = AssetHealth.Unknown;

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Structural equality over the content that discovery compares.</summary>
    public bool Equals(Asset? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Platform == other.Platform
        && Site == other.Site
        && Environment == other.Environment
        && Image == other.Image
        && State == other.State
        && Health == other.Health
        && Tags.Count == other.Tags.Count
        && Tags.All(t => other.Tags.TryGetValue(t.Key, out var v) && v == t.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Platform, Site, Environment, Image, State, Health);
}
