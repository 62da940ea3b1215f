using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;

namespace Qlrf.Images;

/// <summary>
/// The golden image registry of an organisation: families, versions with their per-platform releases
/// and lifecycle history, lineage, vulnerability scans, SBOMs and builds. Every call is scoped to one
/// organisation; every key starts with it.
/// </summary>
public interface IImageStore
{
    /// <summary>Creates a family. Creating it again with the same definition returns it; a different one is a conflict.</summary>
    Task<ImageFamily> CreateFamilyAsync(ImageFamily family, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageFamily>> ListFamiliesAsync(string organisation, CancellationToken cancellationToken);

    Task<ImageFamily?> GetFamilyAsync(string organisation, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a version (all releases draft). Registering it again with the same references returns
    /// it; another version that orders equal (<c>2026.9</c> beside <c>2026.09</c>) or different references
    /// are a conflict; an unknown family is not found.
    /// </summary>
    Task<ImageVersion> RegisterVersionAsync(ImageVersion version, CancellationToken cancellationToken);

    Task<ImageVersion?> GetVersionAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>The family's versions, newest first.</summary>
    Task<IReadOnlyList<ImageVersion>> ListVersionsAsync(string organisation, string family, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a lifecycle transition (see <see cref="Lifecycle"/>) atomically with the versions it
    /// displaces or restores, records the transitions, and marks the family's drift for re-evaluation.
    /// Returns the plan that was applied (empty if nothing changed).
    /// </summary>
    Task<LifecyclePlan> TransitionAsync(string organisation, TransitionRequest request, CancellationToken cancellationToken);

    /// <summary>The version's transitions, oldest first.</summary>
    Task<IReadOnlyList<LifecycleTransition>> ListTransitionsAsync(string organisation, string versionId, CancellationToken cancellationToken);

    /// <summary>Adds a lineage edge; the same edge again changes nothing. A cycle is a conflict.</summary>
    Task<LineageEdge> AddLineageAsync(string organisation, LineageEdge edge, CancellationToken cancellationToken);

    /// <summary>Every lineage edge of the organisation.</summary>
    Task<IReadOnlyList<LineageEdge>> ListLineageAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>Replaces the version's findings from this scanner with the report's, in one transaction.</summary>
    Task<ScanSummary> SaveScanAsync(string organisation, string versionId, ScanReport report, string actor, CancellationToken cancellationToken);

    /// <summary>The version's latest report from each scanner.</summary>
    Task<IReadOnlyList<ScanSummary>> ListScansAsync(string organisation, string versionId, CancellationToken cancellationToken);

    /// <summary>The version's findings, merged across scanners (one per vulnerability and package, highest severity).</summary>
    Task<IReadOnlyList<VulnerabilityFinding>> ListFindingsAsync(string organisation, string versionId, CancellationToken cancellationToken);

    /// <summary>Replaces the version's SBOM, in one transaction.</summary>
    Task<SbomSummary> SaveSbomAsync(string organisation, string versionId, SbomDocument sbom, string actor, CancellationToken cancellationToken);

    Task<SbomSummary?> GetSbomAsync(string organisation, string versionId, CancellationToken cancellationToken);

    /// <summary>The version's components, in name order.</summary>
    Task<IReadOnlyList<SbomComponent>> ListComponentsAsync(string organisation, string versionId, CancellationToken cancellationToken);

    Task<BuildRecord> AddBuildAsync(string organisation, BuildRecord build, CancellationToken cancellationToken);

    /// <summary>The version's builds, newest first.</summary>
    Task<IReadOnlyList<BuildRecord>> ListBuildsAsync(string organisation, string versionId, CancellationToken cancellationToken);
}

/// <summary>An imported scan: which scanner, when, and its unique vulnerabilities and findings by severity.</summary>
public sealed record ScanSummary(
    string VersionId,
    ScanFormat Scanner,
    string? ScannerVersion,
    string? Artifact,
    DateTimeOffset? ScannedAt,
    DateTimeOffset ImportedAt,
    string ImportedBy,
    SeverityCounts Counts);

/// <summary>An imported SBOM, without its components.</summary>
public sealed record SbomSummary(
    string VersionId,
    SbomFormat Format,
    string SpecVersion,
    string? Subject,
    string? Tool,
    DateTimeOffset? CreatedAt,
    int ComponentCount,
    DateTimeOffset ImportedAt,
    string ImportedBy);
