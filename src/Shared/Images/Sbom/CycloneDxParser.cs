namespace Qlrf.Images.Sbom;

/// <summary>
/// Reads a CycloneDX 1.5 JSON BOM: <c>components[]</c> (nested components flattened) with version,
/// purl, licences and supplier; <c>metadata.component</c> is the subject and <c>metadata.tools</c> the
/// tool (the 1.5 object form and the older array form).
/// </summary>
public static class CycloneDxParser
{
    public const string FormatName = "CycloneDX 1.5 JSON";

    private static readonly string[] Supported = ["1.4", "1.5", "1.6"];

    public static SbomDocument Parse(ReadOnlyMemory<byte> json)
    {
        using var document = ImportJson.Parse(json, FormatName);
        var root = ImportJson.Root(document, FormatName).RequireObject();
        var format = root.Optional("bomFormat") ?? throw root.Error("is not a CycloneDX BOM (no bomFormat)");
        if (format.AsString() != "CycloneDX")
        {
            throw format.Error($"'{format.AsString()}' is not CycloneDX");
        }

        var specNode = root.Required("specVersion");
        var spec = specNode.AsString();
        if (!Supported.Contains(spec, StringComparer.Ordinal))
        {
            throw specNode.Error($"'{spec}' is not supported ({string.Join(", ", Supported)})");
        }

        var components = new List<SbomComponent>();
        Collect(root.Items("components"), components);
        var metadata = root.Optional("metadata")?.RequireObject();
        string? subject = null;
        if (metadata?.Optional("component") is { } main)
        {
            main.RequireObject();
            var name = main.RequiredString("name");
            subject = main.OptionalString("version") is { } v ? $"{name}:{v}" : name;
        }

        return new SbomDocument(SbomFormat.Cyclonedx, spec, subject, Tool(metadata), metadata?.OptionalTime("timestamp"), components);
    }

    private static void Collect(IEnumerable<ImportJson> items, List<SbomComponent> into)
    {
        foreach (var c in items)
        {
            c.RequireObject();
            var name = c.RequiredString("name");
            var group = c.OptionalString("group");
            into.Add(new SbomComponent(
                group is null ? name : $"{group}/{name}",
                c.OptionalString("version"),
                c.RequiredString("type"),
                c.OptionalString("purl"),
                Licences(c),
                c.Optional("supplier")?.RequireObject().OptionalString("name")));
            Collect(c.Items("components"), into);
        }
    }

    private static string? Licences(ImportJson component)
    {
        var names = new List<string>();
        foreach (var choice in component.Items("licenses"))
        {
            choice.RequireObject();
            if (choice.OptionalString("expression") is { } expression)
            {
                names.Add(expression);
            }
            else if (choice.Optional("license") is { } licence)
            {
                licence.RequireObject();
                names.Add(licence.OptionalString("id") ?? licence.OptionalString("name") ?? throw licence.Error("has neither id nor name"));
            }
        }

        return names.Count == 0 ? null : string.Join(" AND ", names);
    }

    private static string? Tool(ImportJson? metadata)
    {
        if (metadata?.Optional("tools") is not { } tools)
        {
            return null;
        }

        var list = tools.Kind == System.Text.Json.JsonValueKind.Array ? tools.Items() : tools.RequireObject().Items("components");
        var first = list.FirstOrDefault();
        if (first.Path is null)
        {
            return null;
        }

        first.RequireObject();
        var name = first.OptionalString("name");
        var version = first.OptionalString("version");
        return name is null ? null : version is null ? name : $"{name} {version}";
    }
}
