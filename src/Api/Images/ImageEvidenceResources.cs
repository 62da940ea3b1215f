using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;

namespace Qlrf.Api.Images;

/// <summary>
/// A version's vulnerabilities: unique vulnerabilities and findings (vulnerability × package) by severity, merged
/// across scanners; the scans they come from, each with its own counts; and the findings, most severe first.
/// </summary>
public sealed record VulnerabilitiesResource(
    string VersionId,
    SeverityCounts Counts,
    IReadOnlyList<ScanSummary> Scans,
    IReadOnlyList<VulnerabilityFinding> Findings);

/// <summary>Vulnerabilities that appear in <see cref="To"/> and not in <see cref="From"/> (added), and the reverse (fixed).</summary>
public sealed record VulnerabilityDiffResource(string From, string To, VulnerabilityDiff Diff);

/// <summary>A version's SBOM summary and components.</summary>
public sealed record ComponentsResource(string VersionId, SbomSummary Sbom, IReadOnlyList<SbomComponent> Components);

/// <summary>Components added, removed and changed from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record ComponentDiffResource(string From, string To, ComponentDiff Diff);

/// <summary>An asset running an image version, and its drift.</summary>
public sealed record DeploymentResource(string AssetId, string Name, Platform Platform, string Site, string Environment, DriftStatus Drift)
{
    public static DeploymentResource From(AssetDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        return new DeploymentResource(drift.AssetId, drift.Name, drift.Platform, drift.Site, drift.Environment, drift.Status);
    }
}
