using System.Text.Json;

namespace Qlrf.Images.Sbom;

/// <summary>Reads an SBOM in a named format, or recognises the format from the document.</summary>
public static class SbomReader
{
    public static SbomDocument Read(ReadOnlyMemory<byte> json, SbomFormat? format)
    {
        var actual = format ?? Detect(json);
        return actual == SbomFormat.Spdx ? SpdxParser.Parse(json) : CycloneDxParser.Parse(json);
    }

    /// <summary>
    /// SPDX writes <c>spdxVersion</c>; CycloneDX writes <c>bomFormat</c>. A document too broken to parse is
    /// recognised by those names in its text, so its error names its format.
    /// </summary>
    public static SbomFormat Detect(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        var guess = span.IndexOf("\"spdxVersion\""u8) >= 0 ? SpdxParser.FormatName
            : span.IndexOf("\"bomFormat\""u8) >= 0 ? CycloneDxParser.FormatName
            : "SPDX 2.3 JSON or CycloneDX 1.5 JSON";
        using var document = ImportJson.Parse(json, guess);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("spdxVersion", out _))
        {
            return SbomFormat.Spdx;
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("bomFormat", out _))
        {
            return SbomFormat.Cyclonedx;
        }

        throw new ImportFormatException("SPDX 2.3 JSON or CycloneDX 1.5 JSON", "$", "is neither an SPDX document (spdxVersion) nor a CycloneDX BOM (bomFormat); name the format");
    }
}
