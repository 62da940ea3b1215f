using System.Text.Json;

namespace Qlrf.Images.Sbom;

/// <summary>
/// Reads an SPDX JSON document, versions 2.2 and 2.3: <c>packages[]</c> with <c>versionInfo</c>, licences,
/// supplier and a <c>purl</c> external reference. Every package is a component, the ones the document DESCRIBES
/// (by <c>documentDescribes</c>, or a DESCRIBES relationship from <c>SPDXRef-DOCUMENT</c>) included: an SBOM of
/// an image describes its main package, which keeps its version and purl. A single described package names the
/// subject; otherwise the document's name does. One package or relationship is held at a time while reading.
/// </summary>
public sealed class SpdxParser
{
    public const string FormatName = "SPDX JSON";

    public static readonly IReadOnlyList<string> Supported = ["SPDX-2.2", "SPDX-2.3"];

    private const string DocumentId = "SPDXRef-DOCUMENT";

    /// <summary>Top-level properties only SPDX writes, by which a document is recognised.</summary>
    private static readonly HashSet<string> Own = new(["spdxVersion", "SPDXID", "dataLicense", "documentNamespace", "creationInfo", "documentDescribes", "packages", "relationships"], StringComparer.Ordinal);

    private readonly List<(string Id, SbomComponent Component)> packages = [];
    private readonly HashSet<string> described = new(StringComparer.Ordinal);
    private string? version;
    private string? name;
    private string? tool;
    private DateTimeOffset? created;

    internal SpdxParser()
    {
    }

    internal static bool Recognises(string property) => Own.Contains(property);

    internal async ValueTask ReadPropertyAsync(string property, ImportJsonReader json, CancellationToken cancellationToken)
    {
        switch (property)
        {
            case "spdxVersion":
                var versionNode = await json.ReadValueAsync("$.spdxVersion", cancellationToken);
                version = versionNode.AsString();
                if (!Supported.Contains(version, StringComparer.Ordinal))
                {
                    throw versionNode.Error($"'{version}' is not supported ({string.Join(", ", Supported)})");
                }

                break;
            case "name":
                name = (await json.ReadValueAsync("$.name", cancellationToken)).AsOptionalString();
                break;
            case "creationInfo":
                var creation = await json.ReadValueAsync("$.creationInfo", cancellationToken);
                if (creation.Kind != JsonValueKind.Null)
                {
                    creation.RequireObject();
                    tool = creation.Items("creators").Select(c => c.AsString()).FirstOrDefault(c => c.StartsWith("Tool:", StringComparison.Ordinal))?[5..].Trim();
                    created = creation.OptionalTime("created");
                }

                break;
            case "documentDescribes":
                await foreach (var item in json.ItemsAsync("$.documentDescribes", cancellationToken))
                {
                    described.Add((await json.ReadValueAsync(item, cancellationToken)).AsString());
                }

                break;
            case "packages":
                await foreach (var item in json.ItemsAsync("$.packages", cancellationToken))
                {
                    packages.Add(Package((await json.ReadValueAsync(item, cancellationToken)).RequireObject()));
                }

                break;
            case "relationships":
                await foreach (var item in json.ItemsAsync("$.relationships", cancellationToken))
                {
                    var relation = (await json.ReadValueAsync(item, cancellationToken)).RequireObject();
                    switch (relation.OptionalString("relationshipType"))
                    {
                        case "DESCRIBES" when relation.OptionalString("spdxElementId") == DocumentId:
                            described.Add(relation.RequiredString("relatedSpdxElement"));
                            break;
                        case "DESCRIBED_BY" when relation.OptionalString("relatedSpdxElement") == DocumentId:
                            described.Add(relation.RequiredString("spdxElementId"));
                            break;
                    }
                }

                break;
        }
    }

    internal SbomDocument Finish(ImportJsonReader json)
    {
        if (version is null)
        {
            throw json.Error("$", "is not an SPDX document (no spdxVersion)");
        }

        var subjects = packages.Where(p => described.Contains(p.Id)).ToList();
        var subject = subjects.Count == 1 ? subjects[0].Component.Name : name;
        return new SbomDocument(SbomFormat.Spdx, version, subject, tool, created, packages.ConvertAll(p => p.Component));
    }

    private static (string Id, SbomComponent Component) Package(ImportJson p)
    {
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
        return (id, new SbomComponent(name, Assertion(p.OptionalString("versionInfo")), p.OptionalString("primaryPackagePurpose")?.ToLowerInvariant(), purl, licence, Assertion(p.OptionalString("supplier"))));
    }

    /// <summary>SPDX writes NOASSERTION and NONE where it knows nothing.</summary>
    private static string? Assertion(string? value) => value is null or "NOASSERTION" or "NONE" ? null : value;
}
