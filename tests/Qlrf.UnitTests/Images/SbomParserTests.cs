using System.Text;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Images;

public sealed class SbomParserTests
{
    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void An_SPDX_document_lists_its_packages_but_not_the_image_it_describes()
    {
        var sbom = SpdxParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.spdx.json"));

        Assert.Equal((SbomFormat.Spdx, "SPDX-2.3", "syft-1.14.2", "ubuntu-2204-base@2026.09.1"), (sbom.Format, sbom.SpecVersion, sbom.Tool, sbom.Subject));
        Assert.Equal(10, sbom.Components.Count);
        var openssl = Assert.Single(sbom.Components, c => c.Name == "openssl");
        Assert.Equal(("3.0.2-0ubuntu1.17", "pkg:deb/ubuntu/openssl", "OpenSSL"), (openssl.Version, openssl.Key, openssl.Licenses));
    }

    [Fact]
    public void A_CycloneDX_bom_lists_its_components_with_nested_ones_flattened()
    {
        var sbom = CycloneDxParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.cdx.json"));

        Assert.Equal((SbomFormat.Cyclonedx, "1.5", "syft 1.14.2"), (sbom.Format, sbom.SpecVersion, sbom.Tool));
        Assert.Equal(13, sbom.Components.Count);

        var nested = CycloneDxParser.Parse(Json("""
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"tools": [{"vendor": "x", "name": "cdxgen", "version": "9"}]},
             "components": [{"type": "library", "group": "org.apache", "name": "commons", "version": "1", "components": [{"type": "library", "name": "inner", "licenses": [{"expression": "MIT OR Apache-2.0"}]}]}]}
            """));
        Assert.Equal(["org.apache/commons", "inner"], nested.Components.Select(c => c.Name));
        Assert.Equal("MIT OR Apache-2.0", nested.Components[1].Licenses);
        Assert.Equal("cdxgen 9", nested.Tool);
    }

    [Theory]
    [InlineData("{\"spdxVersion\": \"SPDX-3.0\"}", SbomFormat.Spdx, "SPDX 2.3 JSON: $.spdxVersion: 'SPDX-3.0' is not supported")]
    [InlineData("{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-1\"}]}", SbomFormat.Spdx, "SPDX 2.3 JSON: $.packages[0].name: is missing")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [{\"name\": \"x\"}]}", SbomFormat.Cyclonedx, "CycloneDX 1.5 JSON: $.components[0].type: is missing")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [{\"type\": \"library\", \"name\": }]}", SbomFormat.Cyclonedx, "CycloneDX 1.5 JSON: line 2, position")]
    public void An_SBOM_that_does_not_parse_names_the_format_and_where(string json, SbomFormat format, string message)
    {
        var ex = Assert.Throws<ImportFormatException>(() => SbomReader.Read(Json(json), format));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_diff_by_identity_across_formats()
    {
        var before = SpdxParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.spdx.json")).Components;
        var after = CycloneDxParser.Parse(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.cdx.json")).Components;

        var diff = ComponentDiff.Between(before, after);

        Assert.Equal(["chrony", "libexpat1", "ubuntu"], diff.Added.Select(c => c.Name));
        Assert.Empty(diff.Removed);
        Assert.Equal(["curl", "libcurl4", "libssl3", "openssh-server", "openssl", "python3.10"], diff.Changed.Select(c => c.Name).Order());
        Assert.Equal(4, diff.Unchanged);
    }
}
