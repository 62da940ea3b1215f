namespace Qlrf.Images.Sbom;

/// <summary>The SBOM formats QL-RF imports.</summary>
public enum SbomFormat
{
    /// <summary>SPDX JSON, versions 2.2 and 2.3.</summary>
    Spdx,

    /// <summary>CycloneDX JSON, spec versions 1.2 to 1.7.</summary>
    Cyclonedx,
}

/// <summary>One component (package) of an image.</summary>
public sealed record SbomComponent(string Name, string? Version, string? Type, string? Purl, string? Licenses, string? Supplier)
{
    /// <summary>
    /// The component's identity across versions: its package URL without version, qualifiers and subpath
    /// (<c>pkg:deb/ubuntu/openssl</c>), or else its type and name.
    /// </summary>
    public string Key
    {
        get
        {
            if (Purl is { Length: > 4 } purl && purl.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
            {
                var end = purl.IndexOfAny(['@', '?', '#']);
                return (end < 0 ? purl : purl[..end]).ToLowerInvariant();
            }

            return $"{Type ?? "component"}:{Name}".ToLowerInvariant();
        }
    }
}

/// <summary>An imported SBOM: what it describes, the tool that made it, and its components.</summary>
public sealed record SbomDocument(
    SbomFormat Format,
    string SpecVersion,
    string? Subject,
    string? Tool,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<SbomComponent> Components);
