using Qlrf.Inventory;

namespace Qlrf.Api.Assets;

/// <summary>An asset as the API shows it.</summary>
public sealed record AssetResource(
    string Id,
    string Name,
    Platform Platform,
    string Site,
    string Environment,
    ImageRef? Image,
    IReadOnlyDictionary<string, string> Tags,
    AssetState State,
    AssetHealth Health,
    string Source,
    long Version,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? RemovedAt)
{
    public static AssetResource From(InventoryAsset item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var a = item.Asset;
        return new AssetResource(
            a.Id, a.Name, a.Platform, a.Site, a.Environment, a.Image, a.Tags, a.State, a.Health,
            item.Source, item.Version, item.FirstSeenAt, item.LastChangedAt, item.RemovedAt);
    }
}

/// <summary>One asset with its change history, newest first.</summary>
public sealed record AssetDetail(AssetResource Asset, IReadOnlyList<AssetHistoryEntry> History);
