namespace Qlrf.Images.Scanners;

/// <summary>
/// Reads Trivy's JSON report (<c>trivy image --format json</c>): schema version 2, an object with
/// <c>Results[].Vulnerabilities[]</c>, and the top-level array of results older releases wrote. One vulnerability is
/// held at a time; everything else in a result (packages, misconfigurations, secrets) is skipped as it streams by.
/// </summary>
public sealed class TrivyReportParser
{
    public const string FormatName = "Trivy JSON";

    /// <summary>Top-level properties only Trivy writes, by which a report is recognised.</summary>
    private static readonly HashSet<string> Own = new(["SchemaVersion", "CreatedAt", "ArtifactName", "ArtifactType", "Metadata", "Results"], StringComparer.Ordinal);

    private readonly List<VulnerabilityFinding> findings = [];
    private bool recognised;
    private string? artifact;
    private DateTimeOffset? createdAt;

    internal TrivyReportParser()
    {
    }

    internal static bool Recognises(string property) => Own.Contains(property);

    /// <summary>Reads one top-level property of a schema-version-2 report.</summary>
    internal async ValueTask ReadPropertyAsync(string name, ImportJsonReader json, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "SchemaVersion":
                recognised = true;
                var schema = await json.ReadValueAsync("$.SchemaVersion", cancellationToken);
                if (schema.AsInt() != 2)
                {
                    throw schema.Error($"schema version {schema.AsInt()} is not supported (2 is)");
                }

                break;
            case "ArtifactName":
                recognised = true;
                artifact = (await json.ReadValueAsync("$.ArtifactName", cancellationToken)).AsOptionalString();
                break;
            case "CreatedAt":
                createdAt = (await json.ReadValueAsync("$.CreatedAt", cancellationToken)).AsOptionalTime();
                break;
            case "Results":
                recognised = true;
                await ReadResultsAsync(json, "$.Results", cancellationToken);
                break;
        }
    }

    /// <summary>Reads an array of results: the <c>Results</c> of a report, or the whole of an older one.</summary>
    internal async ValueTask ReadResultsAsync(ImportJsonReader json, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        recognised = true;
        await foreach (var result in json.ItemsAsync(path, cancellationToken))
        {
            await foreach (var property in json.PropertiesAsync(result, cancellationToken))
            {
                if (property != "Vulnerabilities")
                {
                    continue;
                }

                await foreach (var item in json.ItemsAsync($"{result}.Vulnerabilities", cancellationToken))
                {
                    var v = (await json.ReadValueAsync(item, cancellationToken)).RequireObject();
                    findings.Add(new VulnerabilityFinding(
                        v.RequiredString("VulnerabilityID"),
                        v.RequiredString("PkgName"),
                        v.OptionalString("InstalledVersion"),
                        v.OptionalString("FixedVersion"),
                        ReadSeverity(v.Required("Severity")),
                        v.OptionalString("Title")));
                }
            }
        }
    }

    internal ScanReport Finish(ImportJsonReader json) =>
        recognised
            ? new ScanReport(ScanFormat.Trivy, null, artifact, createdAt, VulnerabilityFinding.Distinct(findings))
            : throw json.Error("$", "is not a Trivy report (no SchemaVersion, ArtifactName or Results)");

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
