using System.Text.Json;

namespace Qlrf.Images.Scanners;

/// <summary>
/// Reads a scanner report from a stream, in a named format or recognised from the document: Trivy writes
/// <c>SchemaVersion</c>/<c>Results</c> (or a top-level array), Grype writes <c>matches</c>. The first top-level
/// property only one of them writes decides, and from then on errors name that format.
/// </summary>
public static class ScanReportReader
{
    public const string EitherFormat = "Trivy JSON or Grype JSON";

    public static async Task<ScanReport> ReadAsync(Stream json, ScanFormat? format, int maxDepth, CancellationToken cancellationToken)
    {
        using var reader = new ImportJsonReader(json, Name(format), maxDepth);
        var trivy = new TrivyReportParser();
        var grype = new GrypeReportParser();
        if (format != ScanFormat.Grype && await reader.PeekAsync(cancellationToken) == JsonTokenType.StartArray)
        {
            reader.Format = TrivyReportParser.FormatName;
            await trivy.ReadResultsAsync(reader, "$", cancellationToken);
            return trivy.Finish(reader);
        }

        var found = format;
        await foreach (var property in reader.PropertiesAsync("$", cancellationToken))
        {
            if (found is null)
            {
                found = TrivyReportParser.Recognises(property) ? ScanFormat.Trivy : GrypeReportParser.Recognises(property) ? ScanFormat.Grype : null;
                reader.Format = Name(found);
            }

            if (found == ScanFormat.Trivy)
            {
                await trivy.ReadPropertyAsync(property, reader, cancellationToken);
            }
            else if (found == ScanFormat.Grype)
            {
                await grype.ReadPropertyAsync(property, reader, cancellationToken);
            }
        }

        return found switch
        {
            ScanFormat.Trivy => trivy.Finish(reader),
            ScanFormat.Grype => grype.Finish(reader),
            _ => throw reader.Error("$", "is neither a Trivy report (SchemaVersion, Results) nor a Grype report (matches); name the format"),
        };
    }

    private static string Name(ScanFormat? format) => format switch
    {
        ScanFormat.Trivy => TrivyReportParser.FormatName,
        ScanFormat.Grype => GrypeReportParser.FormatName,
        _ => EitherFormat,
    };
}
