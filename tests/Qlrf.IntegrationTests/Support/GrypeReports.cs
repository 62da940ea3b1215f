using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// Grype JSON reports (<c>grype IMAGE -o json</c>) of a given number of matches, shaped field by field like the tool's
/// own output (vulnerability, related NVD record with CVSS, match details, artifact with locations, licences, CPEs and
/// dpkg metadata). Match <c>i</c> is vulnerability <c>i % vulnerabilities</c> in package <c>i % packages</c>, so a
/// vulnerability is found in several packages, as in a real image.
/// </summary>
public static class GrypeReports
{
    private static readonly string[] Severities = ["Critical", "High", "Medium", "Low", "Negligible"];

    public static byte[] Generate(int matches, int vulnerabilities, int packages)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("matches");
            for (var i = 0; i < matches; i++)
            {
                Match(w, i % vulnerabilities, i % packages);
            }

            w.WriteEndArray();
            w.WriteStartObject("source");
            w.WriteString("type", "image");
            w.WriteStartObject("target");
            w.WriteString("userInput", "registry.acme.example/debian-12-base:2026.11.1");
            w.WriteString("imageID", "sha256:6f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a37");
            w.WriteString("manifestDigest", "sha256:0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c");
            w.WriteString("mediaType", "application/vnd.docker.distribution.manifest.v2+json");
            w.WriteNumber("imageSize", 124_331_008);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("distro");
            w.WriteString("name", "debian");
            w.WriteString("version", "12");
            w.WriteStartArray("idLike");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("descriptor");
            w.WriteString("name", "grype");
            w.WriteString("version", "0.86.1");
            w.WriteStartObject("db");
            w.WriteString("built", "2026-11-02T01:31:18Z");
            w.WriteNumber("schemaVersion", 5);
            w.WriteEndObject();
            w.WriteString("timestamp", "2026-11-02T09:12:44.107812+00:00");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Match(Utf8JsonWriter w, int vulnerability, int package)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"CVE-2025-{20000 + vulnerability}");
        var name = string.Create(CultureInfo.InvariantCulture, $"lib{Word(package)}{package / 10}");
        var version = string.Create(CultureInfo.InvariantCulture, $"{1 + package % 4}.{package % 17}.{package % 7}-{1 + package % 3}+deb12u{package % 5}");
        var severity = Severities[vulnerability % Severities.Length];
        var description = new StringBuilder().Insert(0, $"A flaw was found in {name}: a crafted input can cause an out-of-bounds read in the parser, which a remote attacker could use to crash the service or disclose memory. ", 2).ToString();
        w.WriteStartObject();
        w.WriteStartObject("vulnerability");
        w.WriteString("id", id);
        w.WriteString("dataSource", "https://security-tracker.debian.org/tracker/" + id);
        w.WriteString("namespace", "debian:distro:debian:12");
        w.WriteString("severity", severity);
        w.WriteStartArray("urls");
        w.WriteStringValue("https://security-tracker.debian.org/tracker/" + id);
        w.WriteEndArray();
        w.WriteStartArray("cvss");
        w.WriteEndArray();
        w.WriteStartObject("fix");
        w.WriteStartArray("versions");
        if (vulnerability % 3 != 0)
        {
            w.WriteStringValue(version + "1");
        }

        w.WriteEndArray();
        w.WriteString("state", vulnerability % 3 != 0 ? "fixed" : "not-fixed");
        w.WriteEndObject();
        w.WriteStartArray("advisories");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("relatedVulnerabilities");
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("dataSource", "https://nvd.nist.gov/vuln/detail/" + id);
        w.WriteString("namespace", "nvd:cpe");
        w.WriteString("severity", severity);
        w.WriteStartArray("urls");
        w.WriteStringValue("https://www.openwall.com/lists/oss-security/2025/10/03/2");
        w.WriteEndArray();
        w.WriteString("description", description);
        w.WriteStartArray("cvss");
        w.WriteStartObject();
        w.WriteString("source", "nvd@nist.gov");
        w.WriteString("type", "Primary");
        w.WriteString("version", "3.1");
        w.WriteString("vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H");
        w.WriteStartObject("metrics");
        w.WriteNumber("baseScore", 9.1);
        w.WriteNumber("exploitabilityScore", 3.9);
        w.WriteNumber("impactScore", 5.2);
        w.WriteEndObject();
        w.WriteStartObject("vendorMetadata");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("matchDetails");
        w.WriteStartObject();
        w.WriteString("type", "exact-direct-match");
        w.WriteString("matcher", "dpkg-matcher");
        w.WriteStartObject("searchedBy");
        w.WriteStartObject("distro");
        w.WriteString("type", "debian");
        w.WriteString("version", "12");
        w.WriteEndObject();
        w.WriteString("namespace", "debian:distro:debian:12");
        w.WriteStartObject("package");
        w.WriteString("name", name);
        w.WriteString("version", version);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("found");
        w.WriteString("versionConstraint", $"< {version}1 (deb)");
        w.WriteString("vulnerabilityID", id);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("artifact");
        w.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{package:x16}"));
        w.WriteString("name", name);
        w.WriteString("version", version);
        w.WriteString("type", "deb");
        w.WriteStartArray("locations");
        foreach (var path in new[] { $"/usr/share/doc/{name}/copyright", "/var/lib/dpkg/status" })
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteString("layerID", "sha256:8d3ac3489996423f53d6087c81180006263b79f206d3fdec9e66f0e27ceb8759");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("language", "");
        w.WriteStartArray("licenses");
        w.WriteStringValue("GPL-2.0-only");
        w.WriteEndArray();
        w.WriteStartArray("cpes");
        w.WriteStringValue($"cpe:2.3:a:{name}:{name}:{version}:*:*:*:*:*:*:*");
        w.WriteEndArray();
        w.WriteString("purl", $"pkg:deb/debian/{name}@{version}?arch=amd64&distro=debian-12");
        w.WriteStartArray("upstreams");
        w.WriteStartObject();
        w.WriteString("name", Word(package));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("metadataType", "DpkgMetadata");
        w.WriteStartObject("metadata");
        w.WriteString("package", name);
        w.WriteString("source", Word(package));
        w.WriteString("version", version);
        w.WriteString("architecture", "amd64");
        w.WriteString("maintainer", "Debian Maintainers <debian-devel@lists.debian.org>");
        w.WriteNumber("installedSize", 1_024 + package);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Word(int n) => new[] { "ssl", "xml", "curl", "png", "z", "sqlite", "krb", "gnutls", "expat", "ldap" }[n % 10];
}
