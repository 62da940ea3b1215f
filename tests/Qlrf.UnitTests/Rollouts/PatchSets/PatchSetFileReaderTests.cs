using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Images.Scanners;

namespace Qlrf.UnitTests.Rollouts.PatchSets;

public sealed class PatchSetFileReaderTests
{
    [Fact]
    public void The_shipped_catalogue_reads_and_names_families_of_the_sample_images()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "patch-sets.yaml")))
        {
            dir = dir.Parent;
        }

        var catalogue = PatchSetFileReader.Read(Path.Combine(dir!.FullName, "samples", "patch-sets.yaml"));

        Assert.True(catalogue.Version >= 1);
        var ubuntu = catalogue.Find("2026-11-ubuntu-security")!;
        Assert.Equal((Severity.Critical, true), (ubuntu.Severity, ubuntu.RebootRequired));
        Assert.Contains("ubuntu-2204-base", ubuntu.Families);
        Assert.All(catalogue.PatchSets, p => Assert.NotEmpty(p.Patches));
        Assert.Null(catalogue.Find("2099-01-nothing"));
    }

    [Theory]
    [InlineData("version: 1\npatchSets:\n  - { id: a, title: t, families: [f], patches: [KB1], severity: urgent }\n", "patchSets[0].severity", 3)]
    [InlineData("version: 1\npatchSets:\n  - { id: a, title: t, families: [], patches: [KB1], severity: low }\n", "patchSets[0].families", 3)]
    [InlineData("version: 1\npatchSets:\n  - { id: a, title: t, families: [f], patches: [KB1], severity: low }\n  - { id: a, title: t, families: [f], patches: [KB1], severity: low }\n", "patchSets[1].id", 4)]
    [InlineData("patchSets: []\n", "version", 1)]
    public void A_bad_catalogue_names_the_line_and_field(string yaml, string field, int line)
    {
        var ex = Assert.Throws<PatchSetFileException>(() => PatchSetFileReader.Parse(new StringReader(yaml), "sets.yaml"));

        Assert.Equal((field, line), (ex.Field, ex.Line));
    }
}
