namespace Qlrf.Images.Scanners;

/// <summary>The scanners whose JSON output QL-RF imports.</summary>
public enum ScanFormat
{
    /// <summary>Trivy's <c>--format json</c> (schema version 2, and the older top-level array).</summary>
    Trivy,

    /// <summary>Grype's <c>-o json</c>.</summary>
    Grype,
}

/// <summary>A vulnerability found in one package of an image.</summary>
public sealed record VulnerabilityFinding(
    string Id,
    string Package,
    string? InstalledVersion,
    string? FixedVersion,
    Severity Severity,
    string? Title)
{
    /// <summary>
    /// One finding per vulnerability, package and installed version, keeping the highest severity (a scanner may
    /// report the same match from several targets or matchers), most severe first.
    /// </summary>
    public static List<VulnerabilityFinding> Distinct(IEnumerable<VulnerabilityFinding> findings) =>
        findings
            .GroupBy(f => (f.Id, f.Package, f.InstalledVersion))
            .Select(g => g.MaxBy(f => f.Severity)!)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Package, StringComparer.Ordinal)
            .ToList();
}

/// <summary>A scanner's report on an image, reduced to its findings (one per vulnerability and package version).</summary>
public sealed record ScanReport(
    ScanFormat Format,
    string? ScannerVersion,
    string? Artifact,
    DateTimeOffset? ScannedAt,
    IReadOnlyList<VulnerabilityFinding> Findings)
{
    /// <summary>Unique vulnerabilities and findings by severity.</summary>
    public SeverityCounts Counts => SeverityCounts.Of(Findings);
}
