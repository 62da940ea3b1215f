using Qlrf.Compliance.Frameworks;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Framework files with mistakes: each is refused with the file, line and field, and the problem.</summary>
public sealed class FrameworkFileReaderTests
{
    private const string Head = "id: fw\nversion: \"1\"\ntitle: FW\ncontrols:\n";

    [Theory]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: nope\n", 8, "controls[0].checks[0].check", "'nope' is not a check")]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: image-sbom\n        params: { days: 3 }\n", 9, "controls[0].checks[0].params.days", "has no parameter 'days'")]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: dr-drill-recent\n        params: { maxAgeDays: soon }\n", 9, "controls[0].checks[0].params.maxAgeDays", "'soon' is not a whole number")]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: image-vulnerabilities\n        params: { minSeverity: urgent }\n", 9, "controls[0].checks[0].params.minSeverity", "'urgent' is not one of critical, high, medium, low")]
    [InlineData("  - id: c\n    checks:\n      - check: image-sbom\n", 5, "controls[0].title", "is missing")]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: asset-golden-image\n        params: { family: \"web app\" }\n", 9, "controls[0].checks[0].params.family", "is not a name")]
    [InlineData("  - id: c\n    title: C\n", 5, "controls[0]", "needs checks")]
    [InlineData("  - id: c\n    title: C\n    manual: m\n  - id: c\n    title: D\n    manual: m\n", 8, "controls[1].id", "'c' is used twice")]
    [InlineData("  - id: c\n    title: C\n    manual: m\n    minPassPercent: 90\n", 8, "controls[0].minPassPercent", "a manual control is not scored")]
    [InlineData("  - id: c\n    title: C\n    checks:\n      - check: image-sbom\n    minPassPercent: 120\n", 9, "controls[0].minPassPercent", "at most 100")]
    public void A_mistake_is_reported_with_its_line_and_field(string controls, int line, string field, string problem)
    {
        var ex = Assert.Throws<FrameworkFileException>(() => ComplianceFixtures.Parse(Head + controls, "compliance/fw.yaml"));

        Assert.Equal((line, field), (ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"compliance/fw.yaml:{line}: {field}: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: \"1\"\ntitle: T\ncontrols: []\n", "id")]
    [InlineData("id: Not A Slug\nversion: \"1\"\ntitle: T\ncontrols: []\n", "id")]
    [InlineData("id: fw\nversion: \"1\"\ntitle: T\ncontrols: []\n", "controls")]
    [InlineData("id: fw\ntitle: T\ncontrols: []\n", "version")]
    [InlineData("id: fw\nversion: \"1\"\ntitle: T\ncontrols: [\n", "(syntax)")]
    public void A_file_without_its_header_or_controls_is_refused(string yaml, string field)
    {
        var ex = Assert.Throws<FrameworkFileException>(() => ComplianceFixtures.Parse(yaml));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void A_control_reads_its_checks_parameters_scoring_and_manual_text()
    {
        var framework = ComplianceFixtures.Parse(Head + "  - id: \"7.3\"\n    title: Patch\n    checks:\n      - check: asset-golden-image\n    minPassPercent: 95\n    manual: patch reports\n  - id: \"3.11\"\n    title: Encrypt\n    manual: disk encryption settings\n");

        var patch = framework.Controls[0];
        Assert.Equal(("7.3", "Patch", 95.0, "patch reports", false), (patch.Id, patch.Title, patch.Scoring.MinPassPercent, patch.Manual, patch.IsManual));
        Assert.Equal("asset-golden-image?family=*", Assert.Single(patch.Checks).InstanceKey);
        Assert.True(framework.Controls[1].IsManual);
    }
}
