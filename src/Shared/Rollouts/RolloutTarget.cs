namespace Qlrf.Rollouts;

/// <summary>What a rollout moves its assets to: an image family's version, or a patch set.</summary>
public sealed record RolloutTarget
{
    public string? ImageFamily { get; init; }

    public string? ImageVersion { get; init; }

    public string? PatchSet { get; init; }

    public bool IsImage => ImageFamily is not null && ImageVersion is not null;

    public override string ToString() => IsImage ? $"{ImageFamily}@{ImageVersion}" : $"patch set {PatchSet}";
}
