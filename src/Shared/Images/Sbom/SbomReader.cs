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

    /// <summary>SPDX writes <c>spdxVersion</c>; CycloneDX writes <c>bomFormat</c>.</summary>
    public static SbomFormat Detect(ReadOnlyMemory<byte> json)
    {
        using var document = ImportJson.Parse(json, "SPDX 2.3 JSON or CycloneDX 1.5 JSON");
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
