using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Api.Images;

/// <summary>A family as the API shows it, with its production version on each platform.</summary>
public sealed record FamilyResource(
    string Name,
    string Os,
    string Owner,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyDictionary<string, string> Production,
    int Versions)
{
    public static FamilyResource From(ImageFamily family, IReadOnlyList<ImageVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(versions);
        var production = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            foreach (var release in version.Releases.Where(r => r.Status == LifecycleStatus.Production))
            {
                production[EnumText<Platform>.Of(release.Platform)] = version.Version;
            }
        }

        return new FamilyResource(family.Name, family.Os, family.Owner, family.Description, family.CreatedAt, family.CreatedBy, production, versions.Count);
    }
}

/// <summary>A family with its versions, newest first.</summary>
public sealed record FamilyDetail(FamilyResource Family, IReadOnlyList<VersionResource> Versions);

/// <summary>A version on one platform.</summary>
public sealed record ReleaseResource(Platform Platform, string Reference, LifecycleStatus Status, DateTimeOffset? PromotedAt, DateTimeOffset? ReleasedAt);

/// <summary>An image version as the API shows it.</summary>
public sealed record VersionResource(
    string Id,
    string Family,
    string Version,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<ReleaseResource> Releases)
{
    public static VersionResource From(ImageVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new VersionResource(
            version.Id, version.Family, version.Version, version.Description, version.CreatedAt, version.CreatedBy,
            version.Releases.Select(r => new ReleaseResource(r.Platform, r.Reference, r.Status, r.PromotedAt, r.ReleasedAt)).ToList());
    }
}

/// <summary>
/// A version with its lifecycle history, lineage parents and evidence: unique vulnerabilities and findings by severity
/// across its scans (none before a scan is imported), and its SBOM summary.
/// </summary>
public sealed record VersionDetail(
    VersionResource Version,
    IReadOnlyList<LifecycleTransition> Transitions,
    IReadOnlyList<LineageEdge> Parents,
    SeverityCounts? Counts,
    SbomSummary? Sbom);

/// <summary>What a transition changed: the version as it is now, and every transition it caused (displaced and restored versions included).</summary>
public sealed record TransitionResult(VersionResource Version, IReadOnlyList<LifecycleTransition> Transitions);

/// <summary>A version's ancestors and descendants, nearest first.</summary>
public sealed record LineageResource(string Id, IReadOnlyList<LineageNode> Ancestors, IReadOnlyList<LineageNode> Descendants);

/// <summary>A version met in a lineage walk.</summary>
public sealed record LineageNode(string Id, string Family, string Version, int Depth, LineageRelation Relation, string Via);

/// <summary>A family's lineage as a tree: versions with no parent in the family are roots.</summary>
public sealed record LineageTree(string Family, IReadOnlyList<LineageTreeNode> Roots);

/// <summary>A version in a lineage tree, with its children in the family and its parents outside it.</summary>
public sealed record LineageTreeNode(
    string Id,
    string Version,
    IReadOnlyList<ReleaseResource> Releases,
    LineageRelation? Relation,
    IReadOnlyList<LineageEdge> ExternalParents,
    IReadOnlyList<LineageTreeNode> Children);
