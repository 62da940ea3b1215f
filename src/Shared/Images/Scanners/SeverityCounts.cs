using System.ComponentModel;

namespace Qlrf.Images.Scanners;

/// <summary>
/// Findings counted by severity two ways, every severity present (zero where none): unique vulnerabilities (each
/// vulnerability id once, at the highest severity any of its findings has), and findings (one per vulnerability and
/// package, so a CVE in two packages counts twice). Risk and policies judge a version by its unique vulnerabilities;
/// findings say how much there is to patch.
/// </summary>
public sealed record SeverityCounts(
    [property: Description("Unique vulnerabilities by severity: each vulnerability id counted once, at the highest severity any package gives it.")]
    IReadOnlyDictionary<Severity, int> Vulnerabilities,
    [property: Description("Findings (vulnerability × package) by severity: a vulnerability in two packages counts twice.")]
    IReadOnlyDictionary<Severity, int> Findings)
{
    public static SeverityCounts Of(IEnumerable<VulnerabilityFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var byFinding = Zero();
        var worst = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            byFinding[f.Severity]++;
            worst[f.Id] = worst.TryGetValue(f.Id, out var seen) && seen > f.Severity ? seen : f.Severity;
        }

        var byVulnerability = Zero();
        foreach (var severity in worst.Values)
        {
            byVulnerability[severity]++;
        }

        return new SeverityCounts(byVulnerability, byFinding);
    }

    private static Dictionary<Severity, int> Zero() => Enum.GetValues<Severity>().ToDictionary(s => s, _ => 0);
}
