namespace Qlrf.Images.Scanners;

/// <summary>
/// Reads Trivy's JSON report (<c>trivy image --format json</c>): schema version 2, an object with
/// <c>Results[].Vulnerabilities[]</c>, and the top-level array of results older releases wrote.
/// </summary>
public static class TrivyReportParser
{
    public const string FormatName = "Trivy JSON";

    public static ScanReport Parse(ReadOnlyMemory<byte> json)
    {
        using var document = ImportJson.Parse(json, FormatName);
        var root = ImportJson.Root(document, FormatName);
        IEnumerable<ImportJson> results;
        string? artifact = null;
        DateTimeOffset? createdAt = null;
        if (root.Kind == System.Text.Json.JsonValueKind.Array)
        {
            results = root.Items();
        }
        else
        {
            root.RequireObject();
            if (!root.Has("SchemaVersion") && !root.Has("Results") && !root.Has("ArtifactName"))
            {
                throw root.Error("is not a Trivy report (no SchemaVersion, ArtifactName or Results)");
            }

            if (root.Optional("SchemaVersion") is { } schema && schema.AsInt() != 2)
            {
                throw schema.Error($"schema version {schema.AsInt()} is not supported (2 is)");
            }

            artifact = root.OptionalString("ArtifactName");
            createdAt = root.OptionalTime("CreatedAt");
            results = root.Items("Results");
        }

        var findings = new List<VulnerabilityFinding>();
        foreach (var result in results)
        {
            result.RequireObject();
            foreach (var v in result.Items("Vulnerabilities"))
            {
                v.RequireObject();
                findings.Add(new VulnerabilityFinding(
                    v.RequiredString("VulnerabilityID"),
                    v.RequiredString("PkgName"),
                    v.OptionalString("InstalledVersion"),
                    v.OptionalString("FixedVersion"),
                    ReadSeverity(v.Required("Severity")),
                    v.OptionalString("Title")));
            }
        }

        return new ScanReport(ScanFormat.Trivy, null, artifact, createdAt, SeverityCounts.Distinct(findings));
    }

    private static Severity ReadSeverity(ImportJson value) => value.AsString() switch
    {
        "CRITICAL" => Severity.Critical,
        "HIGH" => Severity.High,
        "MEDIUM" => Severity.Medium,
        "LOW" => Severity.Low,
        "UNKNOWN" => Severity.Unknown,
        var other => throw value.Error($"'{other}' is not a Trivy severity (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)"),
    };
}
