using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Sandbox.Yaml;

namespace Qlrf.Sandbox;

/// <summary>
/// Builds an <see cref="EstateFile"/> from a root mapping being read: assets are checked and built as they arrive
/// (once the organisation and sites they refer to are read; until then they wait), in the order the checks have
/// always run: organisation, sites, then each asset. Texts that repeat across assets (sites, environments, image
/// families and versions, tags) are stored once.
/// </summary>
internal sealed class EstateBuilder(EstateFields fields, YamlMap root)
{
    private readonly Dictionary<string, Site> siteByName = new(StringComparer.Ordinal);
    private readonly List<Site> sites = [];
    private readonly List<Asset> assets = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);
    private List<YamlValue>? waiting;
    private EstateOrganisation? organisation;

    /// <summary>Takes one item of the root's <c>assets</c> list.</summary>
    public void Add(YamlValue item)
    {
        if (organisation is null)
        {
            if (!root.Contains("organisation") || !root.Contains("sites"))
            {
                (waiting ??= []).Add(item);
                return;
            }

            ReadHead();
        }

        AddAsset(item);
    }

    public EstateFile Finish()
    {
        if (organisation is null)
        {
            ReadHead();
        }

        var list = fields.List(root, "assets", "assets");
        foreach (var item in (waiting ?? []).Concat(list.Items))
        {
            AddAsset(item);
        }

        return new EstateFile(organisation!, sites, assets);
    }

    private void ReadHead()
    {
        var node = fields.Mapping(root, "organisation", "organisation");
        organisation = new EstateOrganisation(
            fields.Slug(node, "id", "organisation.id"),
            fields.OptionalString(node, "name", "organisation.name") ?? fields.Slug(node, "id", "organisation.id"));

        foreach (var (item, i) in fields.List(root, "sites", "sites").Items.Select((n, i) => (n, i)))
        {
            var field = $"sites[{i}]";
            var map = fields.AsMapping(item, field);
            var site = new Site(
                fields.String(map, "name", field + ".name"),
                fields.Enum<Platform>(map, "platform", field + ".platform"),
                fields.String(map, "region", field + ".region"),
                fields.Enum<SiteKind>(map, "kind", field + ".kind"));
            if (!siteByName.TryAdd(site.Name, site))
            {
                throw fields.Error(map, field + ".name", $"site '{site.Name}' is declared twice.");
            }

            sites.Add(site);
        }
    }

    private void AddAsset(YamlValue item)
    {
        var field = $"assets[{assets.Count}]";
        var map = fields.AsMapping(item, field);
        var id = fields.String(map, "id", field + ".id");
        if (!ids.Add(id))
        {
            throw fields.Error(map, field + ".id", $"asset id '{id}' is used twice.");
        }

        var siteName = fields.String(map, "site", field + ".site");
        if (!siteByName.TryGetValue(siteName, out var site))
        {
            throw fields.Error(map["site"]!, field + ".site", $"'{siteName}' is not a site declared under sites.");
        }

        var platform = fields.Enum<Platform>(map, "platform", field + ".platform");
        if (platform != site.Platform)
        {
            throw fields.Error(map["platform"]!, field + ".platform", $"'{EnumText<Platform>.Of(platform)}' differs from site '{site.Name}', which is on {EnumText<Platform>.Of(site.Platform)}.");
        }

        assets.Add(new Asset
        {
            Id = id,
            Name = fields.OptionalString(map, "name", field + ".name") ?? id,
            Platform = platform,
            Site = site.Name,
            Environment = Once(fields.Slug(map, "environment", field + ".environment")),
            Image = ReadImage(map, field),
            Tags = ReadTags(map, field),
            State = fields.OptionalEnum(map, "state", field + ".state", AssetState.Unknown),
            Health = fields.OptionalEnum(map, "health", field + ".health", AssetHealth.Unknown),
        });
    }

    private ImageRef? ReadImage(YamlMap asset, string field)
    {
        if (asset["image"] is not { } node || node is YamlText { Value: "" or "~" or "null" })
        {
            return null;
        }

        var map = fields.AsMapping(node, field + ".image");
        return new ImageRef(
            Once(fields.String(map, "family", field + ".image.family")),
            Once(fields.String(map, "version", field + ".image.version")),
            fields.OptionalString(map, "reference", field + ".image.reference"));
    }

    private Dictionary<string, string> ReadTags(YamlMap asset, string field)
    {
        if (asset["tags"] is not { } node)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var map = fields.AsMapping(node, field + ".tags");
        var tags = new Dictionary<string, string>(map.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, line, value) in map.Entries)
        {
            var name = key.Length > 0 ? Once(key) : throw new EstateFileException(fields.Label, line, field + ".tags", "a tag key must be text.");
            tags[name] = value is YamlText text ? Once(text.Value) : throw fields.Error(value, $"{field}.tags.{name}", "a tag value must be text.");
        }

        return tags;
    }

    private string Once(string text)
    {
        if (texts.TryGetValue(text, out var stored))
        {
            return stored;
        }

        texts.Add(text, text);
        return text;
    }
}
