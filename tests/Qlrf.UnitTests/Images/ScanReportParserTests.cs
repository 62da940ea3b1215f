using System.Text;
using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Images;

public sealed class ScanReportParserTests
{
    private static Task<ScanReport> ReadAsync(byte[] json, ScanFormat? format = null, int maxDepth = ImportJsonReader.DefaultMaxDepth) =>
        ScanReportReader.ReadAsync(new MemoryStream(json), format, maxDepth, default);

    private static Task<ScanReport> ReadAsync(string json, ScanFormat? format = null) => ReadAsync(Encoding.UTF8.GetBytes(json), format);

    [Fact]
    public async Task A_Trivy_report_is_read_into_findings_by_severity()
    {
        var report = await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.trivy.json"), ScanFormat.Trivy);

        Assert.Equal(ScanFormat.Trivy, report.Format);
        Assert.Equal("acme-images/ubuntu-2204-base:2026.09.1", report.Artifact);
        Assert.Equal(6, report.Findings.Count);
        var findings = report.Counts.Findings;
        Assert.Equal((1, 2, 2, 1), (findings[Severity.Critical], findings[Severity.High], findings[Severity.Medium], findings[Severity.Low]));
        var regreSSHion = Assert.Single(report.Findings, f => f.Id == "CVE-2024-6387");
        Assert.Equal(("openssh-server", "1:8.9p1-3ubuntu0.10", "1:8.9p1-3ubuntu0.11"), (regreSSHion.Package, regreSSHion.InstalledVersion, regreSSHion.FixedVersion));
    }

    [Fact]
    public async Task The_older_Trivy_array_of_results_is_read_too()
    {
        var report = await ReadAsync("""
            [{"Target": "app (alpine 3.7.1)", "Vulnerabilities": [{"VulnerabilityID": "CVE-2018-16840", "PkgName": "curl", "InstalledVersion": "7.61.0-r0", "FixedVersion": "7.61.1-r1", "Severity": "HIGH"}]},
             {"Target": "composer.lock", "Vulnerabilities": null}]
            """);

        Assert.Equal("CVE-2018-16840", Assert.Single(report.Findings).Id);
    }

    [Fact]
    public async Task A_Grype_report_is_read_and_repeated_matches_count_once()
    {
        var report = await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.grype.json"), ScanFormat.Grype);

        Assert.Equal(ScanFormat.Grype, report.Format);
        Assert.Equal("0.82.2", report.ScannerVersion);
        Assert.Equal(3, report.Findings.Count);
        Assert.Equal(Severity.Medium, report.Findings[0].Severity);
    }

    [Fact]
    public async Task The_format_is_recognised_from_the_document_whatever_comes_first()
    {
        Assert.Equal(ScanFormat.Trivy, (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.trivy.json"))).Format);
        Assert.Equal(ScanFormat.Grype, (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.grype.json"))).Format);
        var grypeLast = await ReadAsync("""{"$schema": "x", "descriptor": {"name": "grype", "version": "0.86.1"}, "matches": []}""");
        Assert.Equal((ScanFormat.Grype, "0.86.1"), (grypeLast.Format, grypeLast.ScannerVersion));

        var neither = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync("""{"bomFormat": "CycloneDX"}"""));
        Assert.Equal(ScanReportReader.EitherFormat, neither.Format);
    }

    [Theory]
    [InlineData("{\"SchemaVersion\": 2, \"Results\": [", "Trivy JSON", "line 1, position 34")]
    [InlineData("{\"SchemaVersion\": 2,\n  \"Results\": [{\"Vulnerabilities\": [{\"PkgName\": \"curl\", \"Severity\": \"HIGH\"}]}]}", "Trivy JSON", "$.Results[0].Vulnerabilities[0].VulnerabilityID: is missing")]
    [InlineData("{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"curl\", \"Severity\": \"SEVERE\"}]}]}", "Trivy JSON", "$.Results[0].Vulnerabilities[0].Severity: 'SEVERE' is not a Trivy severity")]
    [InlineData("{\"SchemaVersion\": 3, \"Results\": []}", "Trivy JSON", "$.SchemaVersion: schema version 3 is not supported")]
    [InlineData("{\"SchemaVersion\": 2, \"Results\": [7]}", "Trivy JSON", "$.Results[0]: expected an object, found a number")]
    [InlineData("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"High\"}, \"artifact\": {\"version\": \"1\"}}]}", "Grype JSON", "$.matches[0].artifact.name: is missing")]
    [InlineData("{\"matches\": {}}", "Grype JSON", "$.matches: expected an array, found an object")]
    [InlineData("{\"descriptor\": {\"name\": \"grype\"}}", "Grype JSON", "$: is not a Grype report (no matches)")]
    [InlineData("{\"matches\": [], \"descriptor\": {\"name\": \"syft\"}}", "Grype JSON", "$.descriptor.name: 'syft' is not grype")]
    public async Task A_report_that_does_not_parse_names_the_format_and_where(string json, string format, string where)
    {
        var ex = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(json, format == "Trivy JSON" ? ScanFormat.Trivy : ScanFormat.Grype));

        Assert.Equal(format, ex.Format);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_read_a_few_bytes_at_a_time_reads_the_same_and_fails_at_the_same_place()
    {
        var whole = Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.trivy.json");
        var expected = await ReadAsync(whole);
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(whole).Replace("\"Severity\": \"LOW\"", "\"Severity\": LOW", StringComparison.Ordinal));
        var expectedError = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(broken));

        foreach (var chunk in new[] { 1, 2, 3, 7, 64 })
        {
            var trickled = await ScanReportReader.ReadAsync(new TrickleStream(whole, chunk), null, ImportJsonReader.DefaultMaxDepth, default);
            Assert.Equal(expected.Findings, trickled.Findings);
            Assert.Equal((expected.Artifact, expected.ScannedAt), (trickled.Artifact, trickled.ScannedAt));
            var error = await Assert.ThrowsAsync<ImportFormatException>(() => ScanReportReader.ReadAsync(new TrickleStream(broken, chunk), null, ImportJsonReader.DefaultMaxDepth, default));
            Assert.Equal(expectedError.Message, error.Message);
        }

        Assert.Matches("^Trivy JSON: line [0-9]+, position [0-9]+: not valid JSON$", expectedError.Message);
    }

    [Fact]
    public async Task A_report_nested_deeper_than_the_limit_is_refused_as_too_deep()
    {
        var deep = $$"""{"SchemaVersion": 2, "Results": [{"Target": "x", "Packages": {{new string('[', 40)}}{{new string(']', 40)}}}]}""";

        var ex = await Assert.ThrowsAsync<JsonTooDeepException>(() => ReadAsync(Encoding.UTF8.GetBytes(deep), null, 32));
        var read = await ReadAsync(Encoding.UTF8.GetBytes(deep), null, 64);

        Assert.Equal(32, ex.MaxDepth);
        Assert.Empty(read.Findings);
    }

    [Fact]
    public async Task An_empty_report_is_refused_naming_the_format()
    {
        var ex = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync([], ScanFormat.Grype));

        Assert.Equal("Grype JSON: the document: is empty", ex.Message);
    }

    [Fact]
    public async Task The_diff_between_two_versions_shows_added_and_fixed_vulnerabilities()
    {
        var before = (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.trivy.json"))).Findings;
        var after = (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.trivy.json"))).Findings;

        var diff = VulnerabilityDiff.Between(before, after);

        Assert.Equal(["CVE-2024-50602", "CVE-2025-0167"], diff.Added.Select(f => f.Id));
        Assert.Contains(diff.Fixed, f => f.Id == "CVE-2024-6387");
        Assert.Equal(5, diff.Fixed.Count);
        Assert.Equal(1, diff.Unchanged);
        Assert.Equal(1, diff.FromCounts.Vulnerabilities[Severity.Critical]);
        Assert.Equal(0, diff.ToCounts.Vulnerabilities[Severity.Critical]);
    }
}
