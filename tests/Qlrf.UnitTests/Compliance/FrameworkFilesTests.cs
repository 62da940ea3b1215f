using Qlrf.Compliance;
using Qlrf.Compliance.Frameworks;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The framework files shipped in <c>compliance/</c>: every one loads, names only checks that exist, and keeps manual controls manual.</summary>
public sealed class FrameworkFilesTests
{
    private static FrameworkCatalogue Shipped() => FrameworkCatalogue.Load("compliance", ComplianceFixtures.Checks());

    [Fact]
    public void Every_shipped_framework_file_loads_with_known_checks_and_parameters()
    {
        var catalogue = Shipped();

        Assert.Equal(["cis-v8", "iso27001-2022", "soc2"], catalogue.Frameworks.Select(f => f.Id));
        var checks = ComplianceFixtures.ChecksById();
        foreach (var use in catalogue.Frameworks.SelectMany(f => f.Controls).SelectMany(c => c.Checks))
        {
            Assert.True(checks.ContainsKey(use.CheckId), use.CheckId);
            Assert.Equal(checks[use.CheckId].Parameters.Select(p => p.Name).Order(), use.Parameters.Keys.Order());
        }
    }

    [Fact]
    public void Every_check_is_used_by_some_framework_and_each_framework_has_manual_and_evidenced_controls()
    {
        var catalogue = Shipped();

        Assert.Equal(ComplianceFixtures.ChecksById().Keys.Order(), catalogue.Instances.Select(i => i.CheckId).Distinct().Order());
        foreach (var framework in catalogue.Frameworks)
        {
            Assert.Contains(framework.Controls, c => c.IsManual && !string.IsNullOrWhiteSpace(c.Manual));
            Assert.Contains(framework.Controls, c => !c.IsManual);
        }
    }

    [Fact]
    public void The_frameworks_cover_the_sections_they_promise()
    {
        var catalogue = Shipped();

        var soc2 = catalogue.Get("soc2").Controls.Select(c => c.Id).ToList();
        foreach (var prefix in new[] { "CC6.", "CC7.", "CC8.", "A1." })
        {
            Assert.Contains(soc2, id => id.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.Superset(new HashSet<string> { "A.8.8", "A.8.9", "A.8.13", "A.8.14", "A.8.15", "A.8.32" }, catalogue.Get("iso27001-2022").Controls.Select(c => c.Id).ToHashSet());
        Assert.Superset(new HashSet<string> { "1.1", "4.1", "7.5", "7.7", "11.5", "16.4" }, catalogue.Get("cis-v8").Controls.Select(c => c.Id).ToHashSet());
    }

    [Fact]
    public void A_missing_directory_names_the_setting_and_where_it_looked()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FrameworkCatalogue.Load("no-such-compliance-dir", ComplianceFixtures.Checks()));

        Assert.Contains("Qlrf:Compliance:Directory", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-compliance-dir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_file_in_the_directory_stops_the_load_naming_the_file_and_line()
    {
        var directory = Directory.CreateTempSubdirectory("qlrf-compliance-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.yaml"), "id: a\nversion: \"1\"\ntitle: A\ncontrols:\n  - id: x\n    title: X\n    manual: the policy\n");
            File.WriteAllText(Path.Combine(directory.FullName, "b.yaml"), "id: b\nversion: \"1\"\ntitle: B\ncontrols:\n  - id: x\n    title: X\n    checks:\n      - check: no-such-check\n");

            var ex = Assert.Throws<FrameworkFileException>(() => FrameworkCatalogue.Load(directory.FullName, ComplianceFixtures.Checks()));

            Assert.Equal((Path.Combine(directory.FullName, "b.yaml"), 8, "controls[0].checks[0].check"), (ex.File, ex.Line, ex.Field));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Two_files_with_one_id_are_refused_naming_both()
    {
        var one = ComplianceFixtures.Parse("id: a\nversion: \"1\"\ntitle: A\ncontrols:\n  - id: x\n    title: X\n    manual: m\n", "one.yaml");
        var two = ComplianceFixtures.Parse("id: a\nversion: \"2\"\ntitle: A\ncontrols:\n  - id: x\n    title: X\n    manual: m\n", "two.yaml");

        var ex = Assert.Throws<FrameworkFileException>(() => new FrameworkCatalogue([one, two]));

        Assert.Contains("one.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("two.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_framework_is_not_found()
    {
        Assert.Throws<Qlrf.Errors.NotFoundException>(() => Shipped().Get("pci-dss"));
    }

    [Fact]
    public void Uses_of_a_check_with_the_same_parameters_share_one_instance_whether_or_not_defaults_are_written()
    {
        var framework = ComplianceFixtures.Parse("""
            id: a
            version: "1"
            title: A
            controls:
              - id: x
                title: X
                checks:
                  - check: image-vulnerabilities
              - id: y
                title: Y
                checks:
                  - check: image-vulnerabilities
                    params: { maxAgeDays: 30, minSeverity: high }
              - id: z
                title: Z
                checks:
                  - check: image-vulnerabilities
                    params: { maxAgeDays: 7 }
            """);

        Assert.Equal(
            ["image-vulnerabilities?maxAgeDays=30&minSeverity=high", "image-vulnerabilities?maxAgeDays=7&minSeverity=high"],
            framework.Instances.Select(i => i.InstanceKey));
        Assert.Equal(new FrameworkRef("a", "1", "A"), framework.Ref);
    }
}
