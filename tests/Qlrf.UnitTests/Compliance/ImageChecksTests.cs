using Moq;
using Qlrf.Compliance.Checks;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using static Qlrf.UnitTests.Compliance.ComplianceFixtures;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The checks of production images: vulnerabilities by age, scans, SBOMs. Versions not in production are not evidence.</summary>
public sealed class ImageChecksTests
{
    private readonly Mock<IImageStore> images = new();

    public ImageChecksTests()
    {
        images.Setup(s => s.ListFamiliesAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(
            [new ImageFamily { Organisation = "acme", Name = "web", Os = "ubuntu", Owner = "team", CreatedAt = Now, CreatedBy = "user:alice" }]);
        images.Setup(s => s.ListVersionsAsync("acme", "web", It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Version("web@3", LifecycleStatus.Testing),
            Version("web@2", LifecycleStatus.Production, Now.AddDays(-60)),
            Version("web@1", LifecycleStatus.Deprecated, Now.AddDays(-120)),
        ]);
        images.Setup(s => s.ListScansAsync("acme", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private void Scanned(DateTimeOffset at, params VulnerabilityFinding[] findings)
    {
        images.Setup(s => s.ListScansAsync("acme", "web@2", It.IsAny<CancellationToken>())).ReturnsAsync([Scan("web@2", at)]);
        images.Setup(s => s.ListFindingsAsync("acme", "web@2", It.IsAny<CancellationToken>())).ReturnsAsync(findings);
    }

    private static VulnerabilityFinding Finding(string id, Severity severity) => new(id, "openssl", "3.0.1", "3.0.2", severity, null);

    [Fact]
    public async Task A_critical_finding_known_longer_than_allowed_on_a_production_image_fails_with_its_age_and_an_example()
    {
        Scanned(Now.AddDays(-45), Finding("CVE-2026-1", Severity.Critical), Finding("CVE-2026-2", Severity.Low));
        var check = new ImageVulnerabilityCheck(images.Object);

        var result = Assert.Single(await check.EvaluateAsync(Context(check), default));

        Assert.Equal(("image", "web@2", false, "web"), (result.ObjectKind, result.ObjectId, result.Passed, result.Scope));
        Assert.Contains("45 days > 30", result.Reason, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-1 (critical) in openssl", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_still_within_its_days_or_below_the_severity_passes()
    {
        Scanned(Now.AddDays(-10), Finding("CVE-2026-1", Severity.High));
        var check = new ImageVulnerabilityCheck(images.Object);

        Assert.True(Assert.Single(await check.EvaluateAsync(Context(check), default)).Passed);
        Assert.False(Assert.Single(await check.EvaluateAsync(Context(check, ("maxAgeDays", "7")), default)).Passed);
        Assert.True(Assert.Single(await check.EvaluateAsync(Context(check, ("maxAgeDays", "7"), ("minSeverity", "critical")), default)).Passed);
    }

    [Fact]
    public async Task The_age_counts_from_production_when_the_scan_is_older_than_the_promotion()
    {
        images.Setup(s => s.ListVersionsAsync("acme", "web", It.IsAny<CancellationToken>())).ReturnsAsync([Version("web@2", LifecycleStatus.Production, Now.AddDays(-5))]);
        Scanned(Now.AddDays(-90), Finding("CVE-2026-1", Severity.Critical));
        var check = new ImageVulnerabilityCheck(images.Object);

        var result = Assert.Single(await check.EvaluateAsync(Context(check), default));

        Assert.True(result.Passed, result.Reason);
    }

    [Fact]
    public async Task A_production_image_without_a_scan_is_no_evidence_for_vulnerabilities_but_fails_the_scan_check()
    {
        var vulnerabilities = new ImageVulnerabilityCheck(images.Object);
        var scanned = new ImageScannedCheck(images.Object);

        Assert.Empty(await vulnerabilities.EvaluateAsync(Context(vulnerabilities), default));
        var result = Assert.Single(await scanned.EvaluateAsync(Context(scanned), default));
        Assert.Equal(("web@2", false, "in production with no vulnerability scan"), (result.ObjectId, result.Passed, result.Reason));
    }

    [Fact]
    public async Task A_stale_scan_fails_the_scan_check_and_a_recent_one_passes()
    {
        var check = new ImageScannedCheck(images.Object);
        Scanned(Now.AddDays(-40));
        Assert.False(Assert.Single(await check.EvaluateAsync(Context(check), default)).Passed);

        Scanned(Now.AddDays(-3));
        Assert.True(Assert.Single(await check.EvaluateAsync(Context(check), default)).Passed);
    }

    [Fact]
    public async Task Each_production_image_needs_an_sbom()
    {
        var check = new ImageSbomCheck(images.Object);
        Assert.Equal((false, "in production with no SBOM"), Pick(Assert.Single(await check.EvaluateAsync(Context(check), default))));

        images.Setup(s => s.GetSbomAsync("acme", "web@2", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SbomSummary("web@2", SbomFormat.Cyclonedx, "1.6", null, null, null, 120, Now, "user:alice"));
        var result = Assert.Single(await check.EvaluateAsync(Context(check), default));
        Assert.True(result.Passed);
        Assert.Contains("120 components", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_without_production_images_has_no_image_evidence()
    {
        images.Setup(s => s.ListVersionsAsync("acme", "web", It.IsAny<CancellationToken>())).ReturnsAsync([Version("web@3", LifecycleStatus.Testing)]);

        foreach (var check in new IComplianceCheck[] { new ImageSbomCheck(images.Object), new ImageScannedCheck(images.Object), new ImageVulnerabilityCheck(images.Object) })
        {
            Assert.Empty(await check.EvaluateAsync(Context(check), default));
        }
    }

    private static (bool, string) Pick(Qlrf.Compliance.CheckObjectResult r) => (r.Passed, r.Reason);
}
