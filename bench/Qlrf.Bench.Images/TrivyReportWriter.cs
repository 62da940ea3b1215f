using System.Globalization;
using System.Text.Json;

namespace Qlrf.Bench.Images;

/// <summary>
/// Writes a Trivy JSON report (<c>trivy image --format json --list-all-pkgs</c>, schema version 2) of about the size
/// asked, straight to a file: an OS-packages result and language results (jar, node, python, Go binaries), each with
/// its packages and many vulnerabilities carrying Trivy's real fields (PkgIdentifier, Layer, DataSource, VendorSeverity,
/// CVSS, References, dates). Vulnerability <c>i</c> of a result is CVE <c>i % cves</c>, so CVEs recur across packages.
/// </summary>
internal static class TrivyReportWriter
{
    private static readonly (string Target, string Class, string Type, string Purl)[] Results =
    [
        ("registry.acme.example/payments-api:2026.11.1 (debian 12.7)", "os-pkgs", "debian", "pkg:deb/debian/{0}@{1}?arch=amd64&distro=debian-12.7"),
        ("app/app.jar", "lang-pkgs", "jar", "pkg:maven/org.acme/{0}@{1}"),
        ("app/node_modules", "lang-pkgs", "node-pkg", "pkg:npm/{0}@{1}"),
        ("usr/lib/python3/dist-packages", "lang-pkgs", "python-pkg", "pkg:pypi/{0}@{1}"),
        ("usr/local/bin/agent", "lang-pkgs", "gobinary", "pkg:golang/github.com/acme/{0}@v{1}"),
    ];

    private static readonly string[] Severities = ["CRITICAL", "HIGH", "MEDIUM", "MEDIUM", "LOW", "LOW", "UNKNOWN"];

    /// <summary>Writes the report and returns its findings (vulnerability entries) and bytes.</summary>
    public static (int Vulnerabilities, long Bytes) Write(string path, long targetBytes, int cves)
    {
        using var file = File.Create(path);
        using var w = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("SchemaVersion", 2);
        w.WriteString("CreatedAt", "2026-11-02T09:12:44.107812341Z");
        w.WriteString("ArtifactName", "registry.acme.example/payments-api:2026.11.1");
        w.WriteString("ArtifactType", "container_image");
        w.WriteStartObject("Metadata");
        w.WriteStartObject("OS");
        w.WriteString("Family", "debian");
        w.WriteString("Name", "12.7");
        w.WriteEndObject();
        w.WriteString("ImageID", "sha256:6f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a37");
        w.WriteStartArray("DiffIDs");
        w.WriteStringValue("sha256:8d3ac3489996423f53d6087c81180006263b79f206d3fdec9e66f0e27ceb8759");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("Results");
        var written = 0;
        var perResult = 0L;
        for (var r = 0; r < Results.Length; r++)
        {
            var (target, kind, type, purl) = Results[r];
            w.WriteStartObject();
            w.WriteString("Target", target);
            w.WriteString("Class", kind);
            w.WriteString("Type", type);
            w.WriteStartArray("Packages");
            for (var p = 0; p < 400; p++)
            {
                Package(w, Name(r, p), Version(p), purl);
            }

            w.WriteEndArray();
            w.WriteStartArray("Vulnerabilities");
            var start = file.Position + w.BytesPending;
            perResult = perResult == 0 ? targetBytes / Results.Length : perResult;
            for (var i = 0; file.Position + w.BytesPending - start < perResult; i++)
            {
                Vulnerability(w, r, i, cves, purl);
                written++;
                if (w.BytesPending > 1 << 20)
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return (written, file.Length);
    }

    private static readonly string[] Prefixes = ["lib", "spring-", "@acme/", "py", "go-"];

    private static readonly string[] Words = ["ssl", "xml", "curl", "yaml", "http", "json", "crypto", "zip"];

    private static string Name(int result, int package) => string.Create(CultureInfo.InvariantCulture, $"{Prefixes[result]}{Words[package % Words.Length]}{package}");

    private static string Version(int package) => string.Create(CultureInfo.InvariantCulture, $"{1 + package % 5}.{package % 13}.{package % 7}");

    private static void Package(Utf8JsonWriter w, string name, string version, string purl)
    {
        w.WriteStartObject();
        w.WriteString("ID", $"{name}@{version}");
        w.WriteString("Name", name);
        w.WriteStartObject("Identifier");
        w.WriteString("PURL", string.Format(CultureInfo.InvariantCulture, purl, name, version));
        w.WriteString("UID", "5a488d51540d297e");
        w.WriteEndObject();
        w.WriteString("Version", version);
        w.WriteStartArray("Licenses");
        w.WriteStringValue("Apache-2.0");
        w.WriteEndArray();
        w.WriteStartObject("Layer");
        w.WriteString("DiffID", "sha256:8d3ac3489996423f53d6087c81180006263b79f206d3fdec9e66f0e27ceb8759");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Vulnerability(Utf8JsonWriter w, int result, int i, int cves, string purl)
    {
        var package = i % 400;
        var name = Name(result, package);
        var version = Version(package);
        var cve = string.Create(CultureInfo.InvariantCulture, $"CVE-{2019 + i % 7}-{10000 + (i + result * 7919) % cves}");
        var severity = Severities[(i + result) % Severities.Length];
        w.WriteStartObject();
        w.WriteString("VulnerabilityID", cve);
        w.WriteString("PkgID", $"{name}@{version}");
        w.WriteString("PkgName", name);
        w.WriteStartObject("PkgIdentifier");
        w.WriteString("PURL", string.Format(CultureInfo.InvariantCulture, purl, name, version));
        w.WriteString("UID", string.Create(CultureInfo.InvariantCulture, $"{package * 7919 + result:x16}"));
        w.WriteEndObject();
        w.WriteString("InstalledVersion", version);
        if (i % 4 != 0)
        {
            w.WriteString("FixedVersion", version + ".1");
        }

        w.WriteString("Status", i % 4 != 0 ? "fixed" : "affected");
        w.WriteStartObject("Layer");
        w.WriteString("DiffID", "sha256:8d3ac3489996423f53d6087c81180006263b79f206d3fdec9e66f0e27ceb8759");
        w.WriteEndObject();
        w.WriteString("SeveritySource", result == 0 ? "debian" : "ghsa");
        w.WriteString("PrimaryURL", "https://avd.aquasec.com/nvd/" + cve.ToLowerInvariant());
        w.WriteStartObject("DataSource");
        w.WriteString("ID", result == 0 ? "debian" : "ghsa");
        w.WriteString("Name", result == 0 ? "Debian Security Tracker" : "GitHub Security Advisory");
        w.WriteString("URL", result == 0 ? "https://salsa.debian.org/security-tracker-team/security-tracker" : "https://github.com/advisories");
        w.WriteEndObject();
        w.WriteString("Title", $"{name}: out-of-bounds read in the parser may lead to denial of service");
        w.WriteString("Description", $"A flaw was found in {name} {version}. A specially crafted input processed by the parser can cause an out-of-bounds read, which a remote attacker could use to crash the application or, in some configurations, disclose memory contents. Versions before the fixed release are affected.");
        w.WriteString("Severity", severity);
        w.WriteStartArray("CweIDs");
        w.WriteStringValue("CWE-125");
        w.WriteEndArray();
        w.WriteStartObject("VendorSeverity");
        w.WriteNumber("nvd", 3);
        w.WriteNumber(result == 0 ? "debian" : "ghsa", 2);
        w.WriteEndObject();
        w.WriteStartObject("CVSS");
        w.WriteStartObject("nvd");
        w.WriteString("V3Vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
        w.WriteNumber("V3Score", 7.5);
        w.WriteEndObject();
        w.WriteStartObject("redhat");
        w.WriteString("V3Vector", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H");
        w.WriteNumber("V3Score", 5.9);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("References");
        w.WriteStringValue("https://nvd.nist.gov/vuln/detail/" + cve);
        w.WriteStringValue("https://www.cve.org/CVERecord?id=" + cve);
        w.WriteStringValue("https://github.com/advisories?query=" + cve);
        w.WriteEndArray();
        w.WriteString("PublishedDate", "2025-07-01T13:15:00.000Z");
        w.WriteString("LastModifiedDate", "2025-10-01T00:00:00.000Z");
        w.WriteEndObject();
    }
}
