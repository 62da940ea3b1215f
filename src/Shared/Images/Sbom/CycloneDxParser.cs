using System.Text.Json;

namespace Qlrf.Images.Sbom;

/// <summary>
/// Reads a CycloneDX JSON BOM, spec versions 1.2 to 1.7: <c>components[]</c> (nested components flattened) with
/// version, purl, licences and supplier; <c>metadata.component</c> is the subject and <c>metadata.tools</c> the
/// tool (the array of 1.2 to 1.4, and the object of components and services since 1.5). One top-level component
/// (with the components nested in it) is held at a time while reading.
/// </summary>
public sealed class CycloneDxParser
{
    public const string FormatName = "CycloneDX JSON";

    public static readonly IReadOnlyList<string> Supported = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"];

    /// <summary>Top-level properties only CycloneDX writes, by which a BOM is recognised.</summary>
    private static readonly HashSet<string> Own = new(["bomFormat", "specVersion", "serialNumber", "metadata", "components", "dependencies"], StringComparer.Ordinal);

    private readonly List<SbomComponent> components = [];
    private string? spec;
    private bool isCycloneDx;
    private string? subject;
    private string? tool;
    private DateTimeOffset? timestamp;

    internal CycloneDxParser()
    {
    }

    internal static bool Recognises(string property) => Own.Contains(property);

    internal async ValueTask ReadPropertyAsync(string property, ImportJsonReader json, CancellationToken cancellationToken)
    {
        switch (property)
        {
            case "bomFormat":
                var format = await json.ReadValueAsync("$.bomFormat", cancellationToken);
                isCycloneDx = format.AsString() == "CycloneDX" ? true : throw format.Error($"'{format.AsString()}' is not CycloneDX");
                break;
            case "specVersion":
                var specNode = await json.ReadValueAsync("$.specVersion", cancellationToken);
                spec = specNode.AsString();
                if (!Supported.Contains(spec, StringComparer.Ordinal))
                {
                    throw specNode.Error($"'{spec}' is not supported ({string.Join(", ", Supported)})");
                }

                break;
            case "metadata":
                var metadata = await json.ReadValueAsync("$.metadata", cancellationToken);
                if (metadata.Kind != JsonValueKind.Null)
                {
                    Metadata(metadata.RequireObject());
                }

                break;
            case "components":
                await foreach (var item in json.ItemsAsync("$.components", cancellationToken))
                {
                    Collect([await json.ReadValueAsync(item, cancellationToken)], components);
                }

                break;
        }
    }

    internal SbomDocument Finish(ImportJsonReader json)
    {
        if (!isCycloneDx)
        {
            throw json.Error("$", "is not a CycloneDX BOM (no bomFormat)");
        }

        return new SbomDocument(SbomFormat.Cyclonedx, spec ?? throw json.Error("$.specVersion", "is missing"), subject, tool, timestamp, components);
    }

    private void Metadata(ImportJson metadata)
    {
        if (metadata.Optional("component") is { } main)
        {
            main.RequireObject();
            var name = main.RequiredString("name");
            subject = main.OptionalString("version") is { } v ? $"{name}:{v}" : name;
        }

        tool = Tool(metadata);
        timestamp = metadata.OptionalTime("timestamp");
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

    /// <summary>The first tool: from the array (1.2 to 1.4), or from the object's components, else its services (1.5 on).</summary>
    private static string? Tool(ImportJson metadata)
    {
        if (metadata.Optional("tools") is not { } tools)
        {
            return null;
        }

        var list = tools.Kind == JsonValueKind.Array
            ? tools.Items()
            : tools.RequireObject().Items("components").Concat(tools.Items("services"));
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
