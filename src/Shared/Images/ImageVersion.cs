using Qlrf.Inventory;

namespace Qlrf.Images;

/// <summary>
/// One build of a family: its version string and, per platform, the platform's reference to it and its
/// lifecycle status there. <see cref="Id"/> is <c>family@version</c>.
/// </summary>
public sealed record ImageVersion
{
    public required string Organisation { get; init; }

    public required string Id { get; init; }

    public required string Family { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>The version on each platform it was published to, in platform order.</summary>
    public required IReadOnlyList<PlatformRelease> Releases { get; init; }

    public ImageVersionNumber Number => ImageVersionNumber.Parse(Version);

    public PlatformRelease? On(Platform platform) => Releases.FirstOrDefault(r => r.Platform == platform);

    /// <summary>Whether two records register the same build (ignoring statuses, who and when).</summary>
    public bool SameDefinition(ImageVersion other) =>
        other is not null
        && Id == other.Id
        && Description == other.Description
        && Releases.Count == other.Releases.Count
        && Releases.All(r => other.On(r.Platform)?.Reference == r.Reference);
}

/// <summary>
/// An image version on one platform: the platform's reference (AMI id, Azure gallery image version id,
/// GCP image link, vSphere template, container image digest) and its lifecycle status there.
/// </summary>
public sealed record PlatformRelease
{
    public required Platform Platform { get; init; }

    public required string Reference { get; init; }

    public LifecycleStatus Status { get; init; } = LifecycleStatus.Draft;

    /// <summary>When it last became the production version on this platform; null if it never has.</summary>
    public DateTimeOffset? PromotedAt { get; init; }

    /// <summary>When it first became the production version on this platform (it was released); null if never.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }
}
