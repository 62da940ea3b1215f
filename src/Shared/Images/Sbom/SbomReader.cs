namespace Qlrf.Images.Sbom;

/// <summary>
/// Reads an SBOM from a stream, in a named format or recognised from the document: SPDX writes
/// <c>spdxVersion</c>, <c>packages</c>; CycloneDX writes <c>bomFormat</c>, <c>components</c>. The first top-level
/// property only one of them writes decides, and from then on errors name that format.
/// </summary>
public static class SbomReader
{
    public const string EitherFormat = "SPDX JSON or CycloneDX JSON";

    public static async Task<SbomDocument> ReadAsync(Stream json, SbomFormat? format, int maxDepth, CancellationToken cancellationToken)
    {
        using var reader = new ImportJsonReader(json, Name(format), maxDepth);
        var spdx = new SpdxParser();
        var cyclonedx = new CycloneDxParser();
        var found = format;
        await foreach (var property in reader.PropertiesAsync("$", cancellationToken))
        {
            if (found is null)
            {
                found = SpdxParser.Recognises(property) ? SbomFormat.Spdx : CycloneDxParser.Recognises(property) ? SbomFormat.Cyclonedx : null;
                reader.Format = Name(found);
            }

            if (found == SbomFormat.Spdx)
            {
                await spdx.ReadPropertyAsync(property, reader, cancellationToken);
            }
            else if (found == SbomFormat.Cyclonedx)
            {
                await cyclonedx.ReadPropertyAsync(property, reader, cancellationToken);
            }
        }

        return found switch
        {
            SbomFormat.Spdx => spdx.Finish(reader),
            SbomFormat.Cyclonedx => cyclonedx.Finish(reader),
            _ => throw reader.Error("$", "is neither an SPDX document (spdxVersion) nor a CycloneDX BOM (bomFormat); name the format"),
        };
    }

    private static string Name(SbomFormat? format) => format switch
    {
        SbomFormat.Spdx => SpdxParser.FormatName,
        SbomFormat.Cyclonedx => CycloneDxParser.FormatName,
        _ => EitherFormat,
    };
}
