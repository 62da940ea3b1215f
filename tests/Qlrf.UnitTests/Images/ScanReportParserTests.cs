using System.Text;
using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Images;

public sealed class ScanReportParserTests
{
    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_Trivy_report_is_read_into_findings_by_severity()
    {
        var report = TrivyReportParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.trivy.json"));

        Assert.Equal(ScanFormat.Trivy, report.Format);
        Assert.Equal("acme-images/ubuntu-2204-base:2026.09.1", report.Artifact);
        Assert.Equal(6, report.Findings.Count);
        Assert.Equal((1, 2, 2, 1), (report.Counts[Severity.Critical], report.Counts[Severity.High], report.Counts[Severity.Medium], report.Counts[Severity.Low]));
        var regreSSHion = Assert.Single(report.Findings, f => f.Id == "CVE-2024-6387");
        Assert.Equal(("openssh-server", "1:8.9p1-3ubuntu0.10", "1:8.9p1-3ubuntu0.11"), (regreSSHion.Package, regreSSHion.InstalledVersion, regreSSHion.FixedVersion));
    }

    [Fact]
    public void The_older_Trivy_array_of_results_is_read_too()
    {
        var report = TrivyReportParser.Parse(Json("""
            [{"Target": "app (alpine 3.7.1)", "Vulnerabilities": [{"VulnerabilityID": "CVE-2018-16840", "PkgName": "curl", "InstalledVersion": "7.61.0-r0", "FixedVersion": "7.61.1-r1", "Severity": "HIGH"}]},
             {"Target": "composer.lock", "Vulnerabilities": null}]
            """));

        Assert.Equal("CVE-2018-16840", Assert.Single(report.Findings).Id);
    }

    [Fact]
    public void A_Grype_report_is_read_and_repeated_matches_count_once()
    {
        var report = GrypeReportParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.grype.json"));

        Assert.Equal(ScanFormat.Grype, report.Format);
        Assert.Equal("0.82.2", report.ScannerVersion);
        Assert.Equal(3, report.Findings.Count);
        Assert.Equal(Severity.Medium, report.Findings[0].Severity);
    }

    [Fact]
    public void The_format_is_recognised_from_the_document()
    {
        Assert.Equal(ScanFormat.Trivy, ScanReportReader.Detect(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.trivy.json")));
        Assert.Equal(ScanFormat.Grype, ScanReportReader.Detect(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.grype.json")));
        Assert.Throws<ImportFormatException>(() => ScanReportReader.Detect(Json("""{"bomFormat": "CycloneDX"}""")));
    }

    [Theory]
    [InlineData("{\"SchemaVersion\": 2, \"Results\": [", "Trivy JSON", "line 1, position 34")]
    [InlineData("{\"SchemaVersion\": 2,\n  \"Results\": [{\"Vulnerabilities\": [{\"PkgName\": \"curl\", \"Severity\": \"HIGH\"}]}]}", "Trivy JSON", "$.Results[0].Vulnerabilities[0].VulnerabilityID: is missing")]
    [InlineData("{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"curl\", \"Severity\": \"SEVERE\"}]}]}", "Trivy JSON", "$.Results[0].Vulnerabilities[0].Severity: 'SEVERE' is not a Trivy severity")]
    [InlineData("{\"SchemaVersion\": 3, \"Results\": []}", "Trivy JSON", "$.SchemaVersion: schema version 3 is not supported")]
    [InlineData("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"High\"}, \"artifact\": {\"version\": \"1\"}}]}", "Grype JSON", "$.matches[0].artifact.name: is missing")]
    [InlineData("{\"matches\": {}}", "Grype JSON", "$.matches: expected an array, found an object")]
    public void A_report_that_does_not_parse_names_the_format_and_where(string json, string format, string where)
    {
        var ex = Assert.Throws<ImportFormatException>(() => ScanReportReader.Read(Json(json), format == "Trivy JSON" ? ScanFormat.Trivy : ScanFormat.Grype));

        Assert.Equal(format, ex.Format);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_between_two_versions_shows_added_and_fixed_vulnerabilities()
    {
        var before = TrivyReportParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.trivy.json")).Findings;
        var after = TrivyReportParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.trivy.json")).Findings;

        var diff = VulnerabilityDiff.Between(before, after);

        Assert.Equal(["CVE-2024-50602", "CVE-2025-0167"], diff.Added.Select(f => f.Id));
        Assert.Contains(diff.Fixed, f => f.Id == "CVE-2024-6387");
        Assert.Equal(5, diff.Fixed.Count);
        Assert.Equal(1, diff.Unchanged);
        Assert.Equal(1, diff.FromCounts[Severity.Critical]);
        Assert.Equal(0, diff.ToCounts[Severity.Critical]);
    }
}
