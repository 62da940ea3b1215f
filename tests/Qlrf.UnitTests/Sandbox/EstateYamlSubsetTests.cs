using Qlrf.Inventory;
using Qlrf.Sandbox;

namespace Qlrf.UnitTests.Sandbox;

/// <summary>The YAML the estate reader accepts (flow and block forms, quoting, comments) and what it refuses, by line.</summary>
public sealed class EstateYamlSubsetTests
{
    private const string Head = """
        organisation: { id: acme, name: Acme Logistics }
        sites:
          - { name: site-a, platform: aws, region: us-east-1, kind: cloud_region }
          - name: dc-1
            platform: vsphere
            region: eu-london
            kind: data_centre
        assets:

        """;

    private static EstateFile Read(string text) => EstateFileReader.Parse(new StringReader(text), "estate.yaml");

    private static EstateFileException Refused(string text) =>
        Assert.Throws<EstateFileException>(() => Read(text));

    [Fact]
    public void Flow_and_block_forms_read_the_same()
    {
        var block = Read(Head + """
              - id: a-1
                platform: aws
                site: site-a
                environment: prod
                image:
                  family: ubuntu
                  version: "1.0"
                  reference: ami-1
                tags:
                  app: web
                  team: core
            """);
        var flow = Read(Head + """
              - { id: a-1, platform: aws, site: site-a, environment: prod, image: { family: ubuntu, version: "1.0", reference: ami-1 }, tags: { app: web, team: core } }
            """);

        Assert.Equal(block.Assets, flow.Assets);
        Assert.Equal(new EstateOrganisation("acme", "Acme Logistics"), flow.Organisation);
        Assert.Equal(["site-a", "dc-1"], flow.Sites.Select(s => s.Name));
        Assert.Equal(new ImageRef("ubuntu", "1.0", "ami-1"), flow.Assets[0].Image);
        Assert.Equal("core", flow.Assets[0].Tags["team"]);
    }

    [Fact]
    public void Quoted_values_are_unescaped_and_comments_are_skipped()
    {
        var estate = Read("""
            # an estate
            ---
            organisation:   # who
              id: acme
            sites:
            - name: 'site-a'   # a list at its key's indentation
              platform: aws
              region: "us-east-1"
              kind: cloud_region

            assets:
              - id: "ops box #3 \"x\" \u00e9\t\\"
                name: 'it''s # not a comment'
                platform: aws
                site: site-a
                environment: dev
                tags: { "odd key": "a, b", plain: x#y, url: http://h:80/p }
                image: ~
            """);

        var asset = Assert.Single(estate.Assets);
        Assert.Equal("ops box #3 \"x\" é\t\\", asset.Id);
        Assert.Equal("it's # not a comment", asset.Name);
        Assert.Null(asset.Image);
        Assert.Equal(new Dictionary<string, string> { ["odd key"] = "a, b", ["plain"] = "x#y", ["url"] = "http://h:80/p" }, asset.Tags);
        Assert.Equal("us-east-1", Assert.Single(estate.Sites).Region);
    }

    [Fact]
    public void Assets_before_their_sites_are_read_once_the_sites_are()
    {
        var estate = Read("""
            assets:
              - { id: a-1, platform: aws, site: site-a, environment: prod }
              - { id: a-2, platform: aws, site: site-a, environment: dev }
            organisation: { id: acme }
            sites:
              - { name: site-a, platform: aws, region: r, kind: cloud_region }
            """);

        Assert.Equal(["a-1", "a-2"], estate.Assets.Select(a => a.Id));
        Assert.Equal("acme", estate.Organisation.Name);
    }

    [Fact]
    public void An_asset_before_its_sites_names_its_own_line()
    {
        var ex = Refused("""
            assets:
              - { id: a-1, platform: aws, site: site-a, environment: prod }
              - { id: a-2, platform: aws, site: site-z, environment: dev }
            organisation: { id: acme }
            sites:
              - { name: site-a, platform: aws, region: r, kind: cloud_region }
            """);

        Assert.Equal((3, "assets[1].site"), (ex.Line, ex.Field));
    }

    [Theory]
    [InlineData("    image: &img { family: f, version: v }", 3, "anchors")]
    [InlineData("    image: *img", 3, "aliases")]
    [InlineData("    name: !!str web", 3, "tags")]
    [InlineData("    name: |", 3, "block scalars")]
    [InlineData("    name: >", 3, "block scalars")]
    [InlineData("    name: \"unclosed", 3, "must close on the line")]
    [InlineData("    name: 'unclosed", 3, "must close on the line")]
    [InlineData("    tags: { app: web", 3, "must close on the line")]
    [InlineData("    tags: [a, b", 3, "must close on the line")]
    [InlineData("    tags: { app web }", 3, "expected ':'")]
    [InlineData("    name: a: b", 3, "quote it")]
    [InlineData("    name: \"web\" extra", 3, "unexpected text after the value")]
    [InlineData("    name: web\n      more", 4, "unexpected indentation")]
    [InlineData("    name: web\n   platform: aws", 4, "unexpected indentation")]
    [InlineData("\tname: web", 3, "tab")]
    [InlineData("    name: \"bad \\q escape\"", 3, "escape")]
    [InlineData("    name: web\n---\nother: 1", 4, "second document")]
    [InlineData("    name: web\n...\nother: 1", 5, "nothing may follow")]
    [InlineData("    ? complex\n    : key", 3, "complex keys")]
    [InlineData("    name: web\n    - item", 4, "a list item where 'key: value' was expected")]
    [InlineData("    id: a-2", 3, "Duplicate key 'id'")]
    public void Yaml_outside_the_subset_is_refused_naming_the_line(string extra, int line, string problem)
    {
        var text = $$"""
            assets:
              - id: a-1
            {{extra}}
                platform: aws
                site: site-a
                environment: prod
            organisation: { id: acme }
            sites: [{ name: site-a, platform: aws, region: r, kind: cloud_region }]
            """;

        var ex = Refused(text);

        Assert.Equal(("estate.yaml", line, "(syntax)"), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "(root)")]
    [InlineData("# only a comment\n", "(root)")]
    [InlineData("- a\n- b\n", "(root)")]
    [InlineData("just text\n", "(root)")]
    public void A_file_that_is_not_a_mapping_is_refused_at_line_1(string text, string field)
    {
        var ex = Refused(text);

        Assert.Equal((1, field), (ex.Line, ex.Field));
    }

    [Theory]
    [InlineData("organisation: { id: acme }\nsites: []\n", 1, "assets", "is missing")]
    [InlineData("organisation: { id: acme }\nsites: []\nassets: none\n", 3, "assets", "expected a list")]
    [InlineData("organisation: { id: acme }\nsites: []\nassets:\n  id: x\n", 4, "assets", "expected a list")]
    [InlineData("organisation: { id: acme }\nsites: []\nassets: [ x ]\n", 3, "assets[0]", "expected a mapping")]
    [InlineData("organisation: acme\nsites: []\nassets: []\n", 1, "organisation", "expected a mapping")]
    [InlineData("organisation: { id: acme }\nsites:\n  - { name: s, platform: aws, region: r, kind: cloud_region }\nassets:\n  - { id: a, platform: aws, site: s, environment: prod, tags: { app: [web] } }\n", 5, "assets[0].tags.app", "a tag value must be text")]
    [InlineData("organisation: { id: acme }\nsites:\n  - { name: s, platform: aws, region: r, kind: cloud_region }\nassets:\n  - { id: a, platform: aws, site: s, environment: prod, tags: { \"\": web } }\n", 5, "assets[0].tags", "a tag key must be text")]
    [InlineData("organisation: { id: acme }\nsites:\n  - { name: s, platform: aws, region: r, kind: cloud_region }\n  - { name: s, platform: gcp, region: r, kind: cloud_region }\nassets: []\n", 4, "sites[1].name", "declared twice")]
    [InlineData("organisation: { id: acme }\nsites:\n  - { name: s, platform: aws, region: r, kind: cloud_region }\nassets:\n  - id: a\n    platform: gcp\n    site: s\n    environment: prod\n", 6, "assets[0].platform", "differs from site 's'")]
    public void Field_problems_name_the_line_and_field(string text, int line, string field, string problem)
    {
        var ex = Refused(text);

        Assert.Equal((line, field), (ex.Line, ex.Field));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_comments_and_crlf()
    {
        var text = "organisation: { id: acme }\r\n\r\n# sites\r\nsites:\r\n  - { name: s, platform: aws, region: r, kind: cloud_region }\r\nassets:\r\n\r\n  - id: a\r\n    site: s\r\n    # the platform\r\n    platform: awz\r\n";

        var ex = Refused(text);

        Assert.Equal((11, "assets[0].platform"), (ex.Line, ex.Field));
    }

    [Fact]
    public void An_empty_value_is_missing_text()
    {
        var ex = Refused("organisation:\n  id:\nsites: []\nassets: []\n");

        Assert.Equal((2, "organisation.id", "is missing."), (ex.Line, ex.Field, ex.Problem));
    }
}
