using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Tenancy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Sandbox;

/// <summary>
/// Reads an estate file (YAML) strictly: every problem is reported with the file, line and field, and a
/// file with any problem yields nothing.
/// </summary>
public static class EstateFileReader
{
    public static EstateFile Read(string path, string? displayName = null)
    {
        var label = displayName ?? path;
        using var reader = new StreamReader(path);
        return Parse(reader, label);
    }

    public static EstateFile Parse(TextReader text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw new EstateFileException(label, (int)ex.Start.Line, "(syntax)", ex.Message, ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new EstateFileException(label, 1, "(root)", "the file must be a mapping with organisation, sites and assets.");
        }

        var ctx = new Context(label);
        var orgNode = ctx.Mapping(root, "organisation", "organisation");
        var organisation = new EstateOrganisation(
            ctx.Slug(orgNode, "id", "organisation.id"),
            ctx.OptionalString(orgNode, "name", "organisation.name") ?? ctx.Slug(orgNode, "id", "organisation.id"));

        var sites = new List<Site>();
        var siteByName = new Dictionary<string, Site>(StringComparer.Ordinal);
        foreach (var (node, i) in ctx.Sequence(root, "sites", "sites").Select((n, i) => (n, i)))
        {
            var field = $"sites[{i}]";
            var map = ctx.AsMapping(node, field);
            var site = new Site(
                ctx.String(map, "name", field + ".name"),
                ctx.Enum<Platform>(map, "platform", field + ".platform"),
                ctx.String(map, "region", field + ".region"),
                ctx.Enum<SiteKind>(map, "kind", field + ".kind"));
            if (!siteByName.TryAdd(site.Name, site))
            {
                throw ctx.Error(map, field + ".name", $"site '{site.Name}' is declared twice.");
            }

            sites.Add(site);
        }

        var assets = new List<Asset>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, i) in ctx.Sequence(root, "assets", "assets").Select((n, i) => (n, i)))
        {
            var field = $"assets[{i}]";
            var map = ctx.AsMapping(node, field);
            var id = ctx.String(map, "id", field + ".id");
            if (!ids.Add(id))
            {
                throw ctx.Error(map, field + ".id", $"asset id '{id}' is used twice.");
            }

            var siteName = ctx.String(map, "site", field + ".site");
            if (!siteByName.TryGetValue(siteName, out var site))
            {
                throw ctx.Error(Context.Child(map, "site")!, field + ".site", $"'{siteName}' is not a site declared under sites.");
            }

            var platform = ctx.Enum<Platform>(map, "platform", field + ".platform");
            if (platform != site.Platform)
            {
                throw ctx.Error(Context.Child(map, "platform")!, field + ".platform", $"'{EnumText<Platform>.Of(platform)}' differs from site '{site.Name}', which is on {EnumText<Platform>.Of(site.Platform)}.");
            }

            assets.Add(new Asset
            {
                Id = id,
                Name = ctx.OptionalString(map, "name", field + ".name") ?? id,
                Platform = platform,
                Site = siteName,
                Environment = ctx.Slug(map, "environment", field + ".environment"),
                Image = ReadImage(ctx, map, field),
                Tags = ReadTags(ctx, map, field),
                State = ctx.OptionalEnum(map, "state", field + ".state", AssetState.Unknown),
                Health = ctx.OptionalEnum(map, "health", field + ".health", AssetHealth.Unknown),
            });
        }

        return new EstateFile(organisation, sites, assets);
    }

    private static ImageRef? ReadImage(Context ctx, YamlMappingNode asset, string field)
    {
        if (Context.Child(asset, "image") is not { } node || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        var map = ctx.AsMapping(node, field + ".image");
        return new ImageRef(
            ctx.String(map, "family", field + ".image.family"),
            ctx.String(map, "version", field + ".image.version"),
            ctx.OptionalString(map, "reference", field + ".image.reference"));
    }

    private static Dictionary<string, string> ReadTags(Context ctx, YamlMappingNode asset, string field)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Context.Child(asset, "tags") is not { } node)
        {
            return tags;
        }

        var map = ctx.AsMapping(node, field + ".tags");
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode { Value: { Length: > 0 } k } ? k : throw ctx.Error(key, field + ".tags", "a tag key must be text.");
            tags[name] = value is YamlScalarNode s ? s.Value ?? string.Empty : throw ctx.Error(value, $"{field}.tags.{name}", "a tag value must be text.");
        }

        return tags;
    }

    private sealed class Context(string label)
    {
        public EstateFileException Error(YamlNode node, string field, string problem) =>
            new(label, (int)node.Start.Line, field, problem);

        public static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public YamlMappingNode AsMapping(YamlNode node, string field) =>
            node as YamlMappingNode ?? throw Error(node, field, "expected a mapping.");

        public YamlMappingNode Mapping(YamlMappingNode parent, string key, string field) =>
            AsMapping(Child(parent, key) ?? throw Error(parent, field, "is missing."), field);

        public IEnumerable<YamlNode> Sequence(YamlMappingNode parent, string key, string field) =>
            Child(parent, key) switch
            {
                null => throw Error(parent, field, "is missing."),
                YamlSequenceNode seq => seq.Children,
                var other => throw Error(other, field, "expected a list."),
            };

        public string? OptionalString(YamlMappingNode map, string key, string field) =>
            Child(map, key) switch
            {
                null => null,
                YamlScalarNode { Value: var v } => string.IsNullOrWhiteSpace(v) ? null : v.Trim(),
                var other => throw Error(other, field, "expected text."),
            };

        public string String(YamlMappingNode map, string key, string field) =>
            OptionalString(map, key, field) ?? throw Error(Child(map, key) ?? map, field, "is missing.");

        public string Slug(YamlMappingNode map, string key, string field)
        {
            var value = String(map, key, field).ToLowerInvariant();
            return OrganisationId.IsValid(value)
                ? value
                : throw Error(Child(map, key)!, field, $"'{value}' must be lower-case letters, digits and dashes.");
        }

        public T Enum<T>(YamlMappingNode map, string key, string field)
            where T : struct, System.Enum
        {
            var text = String(map, key, field);
            return EnumText<T>.TryParse(text, out var value)
                ? value
                : throw Error(Child(map, key)!, field, $"'{text}' is not one of {string.Join(", ", EnumText<T>.All)}.");
        }

        public T OptionalEnum<T>(YamlMappingNode map, string key, string field, T fallback)
            where T : struct, System.Enum =>
            Child(map, key) is null ? fallback : Enum<T>(map, key, field);
    }
}
