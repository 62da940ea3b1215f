namespace Qlrf.Images.Sbom;

/// <summary>
/// Reads an SPDX 2.3 JSON document: <c>packages[]</c> with <c>versionInfo</c>, licences, supplier and a
/// <c>purl</c> external reference. The packages the document DESCRIBES are its subject (the image), not
/// components, unless they are all it has.
/// </summary>
public static class SpdxParser
{
    public const string FormatName = "SPDX 2.3 JSON";

    private static readonly string[] Supported = ["SPDX-2.3", "SPDX-2.2"];

    public static SbomDocument Parse(ReadOnlyMemory<byte> json)
    {
        using var document = ImportJson.Parse(json, FormatName);
        var root = ImportJson.Root(document, FormatName).RequireObject();
        var versionNode = root.Optional("spdxVersion") ?? throw root.Error("is not an SPDX document (no spdxVersion)");
        var version = versionNode.AsString();
        if (!Supported.Contains(version, StringComparer.Ordinal))
        {
            throw versionNode.Error($"'{version}' is not supported ({string.Join(", ", Supported)})");
        }

        var described = new HashSet<string>(root.Items("documentDescribes").Select(d => d.AsString()), StringComparer.Ordinal);
        foreach (var relation in root.Items("relationships"))
        {
            relation.RequireObject();
            if (relation.OptionalString("relationshipType") == "DESCRIBES" && relation.OptionalString("spdxElementId") == "SPDXRef-DOCUMENT")
            {
                described.Add(relation.RequiredString("relatedSpdxElement"));
            }
        }

        var packages = new List<(string Id, SbomComponent Component)>();
        foreach (var p in root.Items("packages"))
        {
            p.RequireObject();
            var id = p.RequiredString("SPDXID");
            var name = p.RequiredString("name");
            string? purl = null;
            foreach (var reference in p.Items("externalRefs"))
            {
                reference.RequireObject();
                if (reference.RequiredString("referenceType") == "purl")
                {
                    purl = reference.RequiredString("referenceLocator");
                }
            }

            var licence = Assertion(p.OptionalString("licenseConcluded")) ?? Assertion(p.OptionalString("licenseDeclared"));
            packages.Add((id, new SbomComponent(name, Assertion(p.OptionalString("versionInfo")), p.OptionalString("primaryPackagePurpose")?.ToLowerInvariant(), purl, licence, Assertion(p.OptionalString("supplier")))));
        }

        var subjects = packages.Where(p => described.Contains(p.Id)).ToList();
        var components = subjects.Count < packages.Count ? packages.Where(p => !described.Contains(p.Id)).Select(p => p.Component).ToList() : packages.Select(p => p.Component).ToList();
        var creation = root.Optional("creationInfo")?.RequireObject();
        var tool = creation?.Items("creators").Select(c => c.AsString()).FirstOrDefault(c => c.StartsWith("Tool:", StringComparison.Ordinal))?[5..].Trim();
        var subject = subjects.Count == 1 ? subjects[0].Component.Name : root.OptionalString("name");
        return new SbomDocument(SbomFormat.Spdx, version, subject, tool, creation?.OptionalTime("created"), components);
    }

    /// <summary>SPDX writes NOASSERTION and NONE where it knows nothing.</summary>
    private static string? Assertion(string? value) => value is null or "NOASSERTION" or "NONE" ? null : value;
}
