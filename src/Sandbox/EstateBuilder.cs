using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Sandbox.Yaml;

namespace Qlrf.Sandbox;

/// <summary>
/// Builds an <see cref="EstateFile"/> from a root mapping being read: assets are checked and built as they arrive
/// (once the organisation and sites they refer to are read; until then they wait), in the order the checks have
/// always run: organisation, sites, then each asset.
/// </summary>
internal sealed class EstateBuilder(EstateFields fields, YamlMap root)
{
    private readonly Dictionary<string, Site> siteByName = new(StringComparer.Ordinal);
    private readonly List<Site> sites = [];
    private readonly List<Asset> assets = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private List<YamlValue>? waiting;
    private EstateOrganisation? organisation;

    /// <summary>Takes one item of the root's <c>assets</c> list; true when it keeps the item to read later.</summary>
    public bool Add(YamlValue item)
    {
        if (organisation is null)
        {
            if (!root.Contains("organisation") || !root.Contains("sites"))
            {
                (waiting ??= []).Add(item);
                return true;
            }

            ReadHead();
        }

        AddAsset(item);
        return false;
    }

    public EstateFile Finish()
    {
        if (organisation is null)
        {
            ReadHead();
        }

        var list = fields.List(root, "assets", EstateField.Root);
        foreach (var item in (waiting ?? []).Concat(list.Items))
        {
            AddAsset(item);
        }

        return new EstateFile(organisation!, sites, assets);
    }

    private void ReadHead()
    {
        var at = EstateField.Root.In("organisation");
        var node = fields.Mapping(root, "organisation", EstateField.Root);
        organisation = new EstateOrganisation(
            fields.Slug(node, "id", at),
            fields.OptionalString(node, "name", at) ?? fields.Slug(node, "id", at));

        foreach (var (item, i) in fields.List(root, "sites", EstateField.Root).Items.Select((n, i) => (n, i)))
        {
            var field = EstateField.Item("sites", i);
            var map = fields.AsMapping(item, field);
            var site = new Site(
                fields.String(map, "name", field),
                fields.Enum<Platform>(map, "platform", field),
                fields.String(map, "region", field),
                fields.Enum<SiteKind>(map, "kind", field));
            if (!siteByName.TryAdd(site.Name, site))
            {
                throw fields.Error(map, field.Named("name"), $"site '{site.Name}' is declared twice.");
            }

            sites.Add(site);
        }
    }

    private void AddAsset(YamlValue item)
    {
        var field = EstateField.Item("assets", assets.Count);
        var map = fields.AsMapping(item, field);
        var id = fields.String(map, "id", field);
        if (!ids.Add(id))
        {
            throw fields.Error(map, field.Named("id"), $"asset id '{id}' is used twice.");
        }

        var siteName = fields.String(map, "site", field);
        if (!siteByName.TryGetValue(siteName, out var site))
        {
            throw fields.Error(map["site"]!, field.Named("site"), $"'{siteName}' is not a site declared under sites.");
        }

        var platform = fields.Enum<Platform>(map, "platform", field);
        if (platform != site.Platform)
        {
            throw fields.Error(map["platform"]!, field.Named("platform"), $"'{EnumText<Platform>.Of(platform)}' differs from site '{site.Name}', which is on {EnumText<Platform>.Of(site.Platform)}.");
        }

        assets.Add(new Asset
        {
            Id = id,
            Name = fields.OptionalString(map, "name", field) ?? id,
            Platform = platform,
            Site = site.Name,
            Environment = fields.Slug(map, "environment", field),
            Image = ReadImage(map, field),
            Tags = ReadTags(map, field),
            State = fields.OptionalEnum(map, "state", field, AssetState.Unknown),
            Health = fields.OptionalEnum(map, "health", field, AssetHealth.Unknown),
        });
    }

    private ImageRef? ReadImage(YamlMap asset, EstateField field)
    {
        if (asset["image"] is not { } node || node is YamlText { Value: "" or "~" or "null" })
        {
            return null;
        }

        var map = fields.AsMapping(node, field.Named("image"));
        var at = field.In("image");
        return new ImageRef(fields.String(map, "family", at), fields.String(map, "version", at), fields.OptionalString(map, "reference", at));
    }

    private Dictionary<string, string> ReadTags(YamlMap asset, EstateField field)
    {
        if (asset["tags"] is not { } node)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var map = fields.AsMapping(node, field.Named("tags"));
        var tags = new Dictionary<string, string>(map.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, line, value) in map.Entries)
        {
            var name = key.Length > 0 ? key : throw fields.Error(line, field.Named("tags"), "a tag key must be text.");
            tags[name] = value is YamlText text ? text.Value : throw fields.Error(value, field.In("tags").Named(name), "a tag value must be text.");
        }

        return tags;
    }
}
