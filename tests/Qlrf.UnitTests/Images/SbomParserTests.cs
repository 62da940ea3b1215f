using System.Text;
using System.Text.Json.Nodes;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Images;

public sealed class SbomParserTests
{
    private static Task<SbomDocument> ReadAsync(byte[] json, SbomFormat? format = null) =>
        SbomReader.ReadAsync(new MemoryStream(json), format, ImportJsonReader.DefaultMaxDepth, default);

    private static Task<SbomDocument> ReadAsync(string json, SbomFormat? format = null) => ReadAsync(Encoding.UTF8.GetBytes(json), format);

    private static byte[] Document(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Images", "Documents", name));

    [Fact]
    public async Task An_SPDX_document_lists_its_packages_and_the_image_it_describes_is_one_of_them()
    {
        var sbom = await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.spdx.json"), SbomFormat.Spdx);

        Assert.Equal((SbomFormat.Spdx, "SPDX-2.3", "syft-1.14.2", "ubuntu-2204-base@2026.09.1"), (sbom.Format, sbom.SpecVersion, sbom.Tool, sbom.Subject));
        Assert.Equal(11, sbom.Components.Count);
        var openssl = Assert.Single(sbom.Components, c => c.Name == "openssl");
        Assert.Equal(("3.0.2-0ubuntu1.17", "pkg:deb/ubuntu/openssl", "OpenSSL"), (openssl.Version, openssl.Key, openssl.Licenses));
        var image = Assert.Single(sbom.Components, c => c.Name == "ubuntu-2204-base@2026.09.1");
        Assert.Equal(("2026.09.1", "operating-system"), (image.Version, image.Type));
    }

    [Fact]
    public async Task The_package_an_SPDX_document_DESCRIBES_by_relationship_is_a_component_with_its_version_and_purl()
    {
        var sbom = await ReadAsync(Document("spdx-2.3.json"));

        Assert.Equal((SbomFormat.Spdx, "SPDX-2.3", "nginx"), (sbom.Format, sbom.SpecVersion, sbom.Subject));
        Assert.Equal(["nginx", "libssl3", "libpcre2-8-0", "zlib1g"], sbom.Components.Select(c => c.Name));
        var nginx = sbom.Components[0];
        Assert.Equal(("1.22.1-9+deb12u1", "pkg:deb/debian/nginx@1.22.1-9%2Bdeb12u1?arch=amd64&distro=debian-12", "pkg:deb/debian/nginx", "BSD-2-Clause"),
            (nginx.Version, nginx.Purl, nginx.Key, nginx.Licenses));
    }

    [Fact]
    public async Task The_package_an_SPDX_document_DESCRIBES_by_documentDescribes_is_a_component_too()
    {
        var relationship = JsonNode.Parse(Document("spdx-2.3.json"))!;
        var relationships = relationship["relationships"]!.AsArray();
        relationships.RemoveAt(0);
        relationship["documentDescribes"] = new JsonArray("SPDXRef-Package-deb-nginx-6f2a9d1c0b4e8a37");

        var described = await ReadAsync(relationship.ToJsonString());
        var sbomTool = await ReadAsync(Document("spdx-2.2.json"));

        Assert.Equal(("nginx", "pkg:deb/debian/nginx"), (described.Subject, Assert.Single(described.Components, c => c.Name == "nginx").Key));
        Assert.Equal((SbomFormat.Spdx, "SPDX-2.2", "Microsoft.SBOMTool-2.2.3", "acme-payments"), (sbomTool.Format, sbomTool.SpecVersion, sbomTool.Tool, sbomTool.Subject));
        var root = Assert.Single(sbomTool.Components, c => c.Name == "acme-payments");
        Assert.Equal("2.4.1", root.Version);
        Assert.StartsWith("pkg:swid/Acme/sbom.acme.example/acme-payments@2.4.1", root.Purl, StringComparison.Ordinal);
        Assert.Equal(["Newtonsoft.Json", "Serilog", "acme-payments"], sbomTool.Components.Select(c => c.Name));
    }

    [Theory]
    [InlineData("cyclonedx-1.2.json", "1.2", "Node.js module 2.0.0", "acme-portal:4.2.0", 3, "lodash", "4.17.15", "pkg:npm/lodash", "MIT")]
    [InlineData("cyclonedx-1.3.json", "1.3", "trivy 0.24.0", "alpine:3.15", 4, "musl", "1.2.2-r7", "pkg:apk/alpine/musl", "MIT")]
    [InlineData("cyclonedx-1.4.json", "1.4", "trivy 0.42.1", "debian:12", 3, "libssl3", "3.0.9-1", "pkg:deb/debian/libssl3", "Apache-2.0")]
    [InlineData("cyclonedx-1.5.json", "1.5", "syft 1.14.2", "registry.acme.example/payments-api:sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270", 4, "org.springframework/spring-jcl", "6.1.13", "pkg:maven/org.springframework/spring-jcl", "Apache-2.0")]
    [InlineData("cyclonedx-1.6.json", "1.6", "trivy 0.60.0", "ubuntu:24.04", 3, "libssl3t64", "3.0.13-0ubuntu3.4", "pkg:deb/ubuntu/libssl3t64", "Apache-2.0")]
    [InlineData("cyclonedx-1.7.json", "1.7", "trivy 0.67.2", "alpine:3.22", 4, "libcrypto3", "3.5.4-r0", "pkg:apk/alpine/libcrypto3", "Apache-2.0")]
    public async Task CycloneDX_boms_of_every_spec_version_from_1_2_to_1_7_are_read(string file, string spec, string tool, string subject, int count, string name, string version, string key, string licence)
    {
        var sbom = await ReadAsync(Document(file));

        Assert.Equal((SbomFormat.Cyclonedx, spec, tool, subject), (sbom.Format, sbom.SpecVersion, sbom.Tool, sbom.Subject));
        Assert.Equal(count, sbom.Components.Count);
        var component = Assert.Single(sbom.Components, c => c.Name == name);
        Assert.Equal((version, key, licence), (component.Version, component.Key, component.Licenses));
        Assert.NotNull(sbom.CreatedAt);
    }

    [Fact]
    public async Task A_CycloneDX_bom_lists_its_components_with_nested_ones_flattened()
    {
        var sbom = await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.cdx.json"), SbomFormat.Cyclonedx);

        Assert.Equal((SbomFormat.Cyclonedx, "1.5", "syft 1.14.2"), (sbom.Format, sbom.SpecVersion, sbom.Tool));
        Assert.Equal(13, sbom.Components.Count);

        var nested = await ReadAsync("""
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"tools": [{"vendor": "x", "name": "cdxgen", "version": "9"}]},
             "components": [{"type": "library", "group": "org.apache", "name": "commons", "version": "1", "components": [{"type": "library", "name": "inner", "licenses": [{"expression": "MIT OR Apache-2.0"}]}]}]}
            """);
        Assert.Equal(["org.apache/commons", "inner"], nested.Components.Select(c => c.Name));
        Assert.Equal("MIT OR Apache-2.0", nested.Components[1].Licenses);
        Assert.Equal("cdxgen 9", nested.Tool);
    }

    [Theory]
    [InlineData("{\"spdxVersion\": \"SPDX-3.0\"}", SbomFormat.Spdx, "SPDX JSON: $.spdxVersion: 'SPDX-3.0' is not supported (SPDX-2.2, SPDX-2.3)")]
    [InlineData("{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-1\"}]}", SbomFormat.Spdx, "SPDX JSON: $.packages[0].name: is missing")]
    [InlineData("{\"packages\": []}", SbomFormat.Spdx, "SPDX JSON: $: is not an SPDX document (no spdxVersion)")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.1\"}", SbomFormat.Cyclonedx, "CycloneDX JSON: $.specVersion: '1.1' is not supported (1.2, 1.3, 1.4, 1.5, 1.6, 1.7)")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [{\"name\": \"x\"}]}", SbomFormat.Cyclonedx, "CycloneDX JSON: $.components[0].type: is missing")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [{\"type\": \"library\", \"name\": }]}", SbomFormat.Cyclonedx, "CycloneDX JSON: line 2, position")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{\"type\": \"library\", \"name\": \"x\", \"components\": [{\"name\": \"y\"}]}]}", null, "CycloneDX JSON: $.components[0].components[0].type: is missing")]
    [InlineData("{\"name\": \"x\"}", null, "SPDX JSON or CycloneDX JSON: $: is neither an SPDX document")]
    public async Task An_SBOM_that_does_not_parse_names_the_format_and_where(string json, SbomFormat? format, string message)
    {
        var ex = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(json, format));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Components_diff_by_identity_across_formats()
    {
        var before = (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.09.1.spdx.json"))).Components;
        var after = (await ReadAsync(Samples.Bytes("scans/ubuntu-2204-base-2026.10.1.cdx.json"))).Components;

        var diff = ComponentDiff.Between(before, after);

        Assert.Equal(["chrony", "libexpat1", "ubuntu"], diff.Added.Select(c => c.Name));
        // The 2026.09.1 document describes the image as a package; the 2026.10.1 BOM names it only as its subject.
        Assert.Equal(["ubuntu-2204-base@2026.09.1"], diff.Removed.Select(c => c.Name));
        Assert.Equal(["curl", "libcurl4", "libssl3", "openssh-server", "openssl", "python3.10"], diff.Changed.Select(c => c.Name).Order());
        Assert.Equal(4, diff.Unchanged);
    }
}
