using Qlrf.Inventory;
using Qlrf.Sandbox;

namespace Qlrf.UnitTests.Sandbox;

public sealed class EstateFileReaderTests
{
    private static string SamplePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "estate.yaml")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/estate.yaml"), "samples", "estate.yaml");
    }

    private const string Valid = """
        organisation:
          id: acme
          name: Acme
        sites:
          - name: site-a
            platform: aws
            region: us-east-1
            kind: cloud_region
        assets:
          - id: a-1
            name: web-1
            platform: aws
            site: site-a
            environment: prod
            image:
              family: ubuntu-2204-base
              version: "2026.10.1"
            tags:
              team: core
            state: running
            health: healthy
        """;

    [Fact]
    public void The_sample_estate_is_realistic()
    {
        var estate = EstateFileReader.Read(SamplePath());

        Assert.True(estate.Assets.Count >= 300, $"{estate.Assets.Count} assets");
        Assert.True(estate.Sites.Count >= 4);
        Assert.True(estate.Sites.Select(s => s.Platform).Distinct().Count() >= 3);
        Assert.Contains(estate.Sites, s => s.Kind == SiteKind.DataCentre);
        Assert.Equal(["dev", "prod", "staging"], estate.Assets.Select(a => a.Environment).Distinct().Order());
        Assert.All(estate.Assets.GroupBy(a => a.Image!.Family), family => Assert.True(family.Select(a => a.Image!.Version).Distinct().Count() > 1, family.Key));
    }

    [Fact]
    public void Reads_every_field()
    {
        var estate = EstateFileReader.Parse(new StringReader(Valid), "estate.yaml");

        Assert.Equal(new EstateOrganisation("acme", "Acme"), estate.Organisation);
        Assert.Equal(new Site("site-a", Platform.Aws, "us-east-1", SiteKind.CloudRegion), Assert.Single(estate.Sites));
        var asset = Assert.Single(estate.Assets);
        Assert.Equal(("a-1", "web-1", Platform.Aws, "site-a", "prod"), (asset.Id, asset.Name, asset.Platform, asset.Site, asset.Environment));
        Assert.Equal(new ImageRef("ubuntu-2204-base", "2026.10.1"), asset.Image);
        Assert.Equal("core", asset.Tags["team"]);
        Assert.Equal((AssetState.Running, AssetHealth.Healthy), (asset.State, asset.Health));
    }

    [Theory]
    [InlineData("    platform: aws\n    site: site-a", "    platform: awz\n    site: site-a", 12, "assets[0].platform", "'awz' is not one of aws, azure")]
    [InlineData("    site: site-a", "    site: site-b", 13, "assets[0].site", "'site-b' is not a site")]
    [InlineData("    environment: prod", "    environment: Prod Env", 14, "assets[0].environment", "lower-case")]
    [InlineData("      version: \"2026.10.1\"", "      version: \"\"", 17, "assets[0].image.version", "is missing")]
    [InlineData("    kind: cloud_region", "    kind: cloud", 8, "sites[0].kind", "'cloud' is not one of cloud_region, data_centre")]
    [InlineData("  - id: a-1\n    name: web-1", "  - name: web-1", 10, "assets[0].id", "is missing")]
    [InlineData("    state: running", "    state: [running]", 20, "assets[0].state", "expected text")]
    [InlineData("    tags:\n      team: core", "    tags:\n      team: core\n      team: edge", 20, "(syntax)", "Duplicate key")]
    public void A_bad_file_names_the_line_and_field(string find, string replace, int line, string field, string problem)
    {
        var text = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);

        var ex = Assert.Throws<EstateFileException>(() => EstateFileReader.Parse(new StringReader(text), "estate.yaml"));

        Assert.Equal(("estate.yaml", line, field), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"estate.yaml:{line}: {field}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_asset_id_is_refused()
    {
        var text = Valid + "\n" + Valid[Valid.IndexOf("  - id: a-1", StringComparison.Ordinal)..];

        var ex = Assert.Throws<EstateFileException>(() => EstateFileReader.Parse(new StringReader(text), "estate.yaml"));

        Assert.Equal("assets[1].id", ex.Field);
        Assert.Contains("used twice", ex.Problem, StringComparison.Ordinal);
    }
}
