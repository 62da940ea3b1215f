using System.Text.Json;

namespace Qlrf.Images.Scanners;

/// <summary>
/// Reads Grype's JSON report (<c>grype IMAGE -o json</c>): <c>matches[]</c>, each a vulnerability and the
/// artifact (package) it matched, with the tool's version and time under <c>descriptor</c>. One match is held at a time.
/// </summary>
public sealed class GrypeReportParser
{
    public const string FormatName = "Grype JSON";

    /// <summary>Top-level properties only Grype writes, by which a report is recognised.</summary>
    private static readonly HashSet<string> Own = new(["matches", "ignoredMatches", "source", "distro", "descriptor"], StringComparer.Ordinal);

    private readonly List<VulnerabilityFinding> findings = [];
    private bool hasMatches;
    private string? version;
    private DateTimeOffset? timestamp;
    private string? artifact;

    internal GrypeReportParser()
    {
    }

    internal static bool Recognises(string property) => Own.Contains(property);

    internal async ValueTask ReadPropertyAsync(string name, ImportJsonReader json, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "matches":
                hasMatches = await json.PeekAsync(cancellationToken) != JsonTokenType.Null;
                await foreach (var item in json.ItemsAsync("$.matches", cancellationToken))
                {
                    findings.Add(Finding((await json.ReadValueAsync(item, cancellationToken)).RequireObject()));
                }

                break;
            case "descriptor":
                var descriptor = await json.ReadValueAsync("$.descriptor", cancellationToken);
                if (descriptor.Kind == JsonValueKind.Null)
                {
                    break;
                }

                if (descriptor.RequireObject().OptionalString("name") is { } tool && tool != "grype")
                {
                    throw descriptor.Required("name").Error($"'{tool}' is not grype");
                }

                version = descriptor.OptionalString("version");
                timestamp = descriptor.OptionalTime("timestamp");
                break;
            case "source":
                var source = await json.ReadValueAsync("$.source", cancellationToken);
                artifact = source.Kind != JsonValueKind.Null && source.RequireObject().Optional("target") is { Kind: JsonValueKind.Object } target
                    ? target.OptionalString("userInput")
                    : null;
                break;
        }
    }

    internal ScanReport Finish(ImportJsonReader json) =>
        hasMatches
            ? new ScanReport(ScanFormat.Grype, version, artifact, timestamp, VulnerabilityFinding.Distinct(findings))
            : throw json.Error("$", "is not a Grype report (no matches)");

    private static VulnerabilityFinding Finding(ImportJson match)
    {
        var vulnerability = match.Required("vulnerability").RequireObject();
        var artifact = match.Required("artifact").RequireObject();
        string? fixedVersion = null;
        if (vulnerability.Optional("fix") is { } fix)
        {
            var versions = fix.RequireObject().Items("versions").Select(v => v.AsString()).ToList();
            fixedVersion = versions.Count == 0 ? null : string.Join(", ", versions);
        }

        return new VulnerabilityFinding(
            vulnerability.RequiredString("id"),
            artifact.RequiredString("name"),
            artifact.OptionalString("version"),
            fixedVersion,
            ReadSeverity(vulnerability.Required("severity")),
            null);
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
