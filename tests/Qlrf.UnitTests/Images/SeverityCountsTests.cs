using Qlrf.Images.Scanners;

namespace Qlrf.UnitTests.Images;

public sealed class SeverityCountsTests
{
    private static VulnerabilityFinding Finding(string id, string package, Severity severity) => new(id, package, "1.0", null, severity, null);

    [Fact]
    public void A_vulnerability_in_two_packages_is_one_vulnerability_and_two_findings()
    {
        var counts = SeverityCounts.Of([Finding("CVE-2024-5535", "openssl", Severity.Critical), Finding("CVE-2024-5535", "libssl3", Severity.Critical)]);

        Assert.Equal(1, counts.Vulnerabilities[Severity.Critical]);
        Assert.Equal(2, counts.Findings[Severity.Critical]);
    }

    [Fact]
    public void A_vulnerability_graded_differently_per_package_counts_once_at_its_highest_severity()
    {
        var counts = SeverityCounts.Of(
        [
            Finding("CVE-2023-44487", "golang.org/x/net", Severity.High),
            Finding("CVE-2023-44487", "nghttp2", Severity.Medium),
            Finding("CVE-2024-0727", "openssl", Severity.Medium),
        ]);

        Assert.Equal((0, 1, 1), (counts.Vulnerabilities[Severity.Critical], counts.Vulnerabilities[Severity.High], counts.Vulnerabilities[Severity.Medium]));
        Assert.Equal((0, 1, 2), (counts.Findings[Severity.Critical], counts.Findings[Severity.High], counts.Findings[Severity.Medium]));
        Assert.Equal(Enum.GetValues<Severity>(), counts.Vulnerabilities.Keys.Order());
    }
}
