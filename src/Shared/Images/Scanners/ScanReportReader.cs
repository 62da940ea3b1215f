using System.Text.Json;

namespace Qlrf.Images.Scanners;

/// <summary>Reads a scanner report in a named format, or recognises the format from the document.</summary>
public static class ScanReportReader
{
    public static ScanReport Read(ReadOnlyMemory<byte> json, ScanFormat? format)
    {
        var actual = format ?? Detect(json);
        return actual == ScanFormat.Trivy ? TrivyReportParser.Parse(json) : GrypeReportParser.Parse(json);
    }

    /// <summary>
    /// Trivy writes <c>SchemaVersion</c>/<c>Results</c> (or a top-level array); Grype writes <c>matches</c>.
    /// A document too broken to parse is recognised by those names in its text, so its error names its format.
    /// </summary>
    public static ScanFormat Detect(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        var guess = span.IndexOf("\"SchemaVersion\""u8) >= 0 || span.IndexOf("\"Results\""u8) >= 0 ? TrivyReportParser.FormatName
            : span.IndexOf("\"matches\""u8) >= 0 ? GrypeReportParser.FormatName
            : "Trivy JSON or Grype JSON";
        using var document = ImportJson.Parse(json, guess);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array || (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("SchemaVersion", out _) || root.TryGetProperty("Results", out _))))
        {
            return ScanFormat.Trivy;
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("matches", out _))
        {
            return ScanFormat.Grype;
        }

        throw new ImportFormatException("Trivy JSON or Grype JSON", "$", "is neither a Trivy report (SchemaVersion, Results) nor a Grype report (matches); name the format");
    }
}
