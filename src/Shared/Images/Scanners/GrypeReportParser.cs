namespace Qlrf.Images.Scanners;

/// <summary>
/// Reads Grype's JSON report (<c>grype IMAGE -o json</c>): <c>matches[]</c>, each a vulnerability and the
/// artifact (package) it matched, with the tool's version and time under <c>descriptor</c>.
/// </summary>
public static class GrypeReportParser
{
    public const string FormatName = "Grype JSON";

    public static ScanReport Parse(ReadOnlyMemory<byte> json)
    {
        using var document = ImportJson.Parse(json, FormatName);
        var root = ImportJson.Root(document, FormatName).RequireObject();
        if (!root.Has("matches"))
        {
            throw root.Error("is not a Grype report (no matches)");
        }

        var descriptor = root.Optional("descriptor");
        if (descriptor?.RequireObject().OptionalString("name") is { } tool && tool != "grype")
        {
            throw descriptor.Value.Required("name").Error($"'{tool}' is not grype");
        }

        var findings = new List<VulnerabilityFinding>();
        foreach (var match in root.Required("matches").Items())
        {
            match.RequireObject();
            var vulnerability = match.Required("vulnerability").RequireObject();
            var artifact = match.Required("artifact").RequireObject();
            string? fixedVersion = null;
            if (vulnerability.Optional("fix") is { } fix)
            {
                var versions = fix.RequireObject().Items("versions").Select(v => v.AsString()).ToList();
                fixedVersion = versions.Count == 0 ? null : string.Join(", ", versions);
            }

            findings.Add(new VulnerabilityFinding(
                vulnerability.RequiredString("id"),
                artifact.RequiredString("name"),
                artifact.OptionalString("version"),
                fixedVersion,
                ReadSeverity(vulnerability.Required("severity")),
                null));
        }

        var artifactName = root.Optional("source")?.RequireObject().Optional("target") is { Kind: System.Text.Json.JsonValueKind.Object } target
            ? target.OptionalString("userInput")
            : null;
        return new ScanReport(ScanFormat.Grype, descriptor?.OptionalString("version"), artifactName, descriptor?.OptionalTime("timestamp"), SeverityCounts.Distinct(findings));
    }

    private static Severity ReadSeverity(ImportJson value) => value.AsString() switch
    {
        "Critical" => Severity.Critical,
        "High" => Severity.High,
        "Medium" => Severity.Medium,
        "Low" => Severity.Low,
        "Negligible" => Severity.Negligible,
        "Unknown" => Severity.Unknown,
        var other => throw value.Error($"'{other}' is not a Grype severity (Unknown, Negligible, Low, Medium, High, Critical)"),
    };
}
