using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>The inventory on the embedded store: reads here, idempotent application of changes in the partial file beside it.</summary>
public sealed partial class SqliteInventoryStore(SqliteDatabase database, TimeProvider time) : IInventoryStore
{
    private const string AssetColumns =
        "org, id, name, platform, site, environment, image_family, image_version, image_reference, state, health, tags, source, version, hash, first_seen_at, last_changed_at, removed_at";

    private static readonly string Prefixed = string.Join(", ", AssetColumns.Split(", ").Select(c => "a." + c));

    private readonly ConcurrentDictionary<string, (long Generation, InventoryFacets Facets)> facetCache = new(StringComparer.Ordinal);
    private long generation;

    public Task<Page<InventoryAsset>> QueryAssetsAsync(string organisation, AssetFilter filter, int limit, string? afterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        // With a tag, the walk starts from the first tag's rows (in asset id order) and looks each asset up by its key;
        // CROSS JOIN keeps SQLite to that order, which stops after a page of matches instead of testing every asset of a filter.
        var sql = new StringBuilder(filter.Tags.Count == 0
            ? $"SELECT {AssetColumns} FROM assets a WHERE a.org = $org AND a.removed_at IS NULL"
            : $"SELECT {Prefixed} FROM asset_tags t CROSS JOIN assets a WHERE t.org = $org AND t.tag_key = $tk0 AND t.tag_value = $tv0 AND a.org = t.org AND a.id = t.asset_id AND a.removed_at IS NULL");
        command.Add("$org", organisation);
        var order = filter.Tags.Count == 0 ? "a.id" : "t.asset_id";
        if (afterId is not null)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {order} > $after");
            command.Add("$after", afterId);
        }

        AddFilter(sql, command, "platform", filter.Platform is { } p ? EnumText<Platform>.Of(p) : null);
        AddFilter(sql, command, "site", filter.Site);
        AddFilter(sql, command, "environment", filter.Environment);
        AddFilter(sql, command, "image_family", filter.ImageFamily);
        AddFilter(sql, command, "state", filter.State is { } s ? EnumText<AssetState>.Of(s) : null);
        for (var i = 0; i < filter.Tags.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM asset_tags x WHERE x.org = a.org AND x.tag_key = $tk{i} AND x.tag_value = $tv{i} AND x.asset_id = a.id)");
            }

            command.Add($"$tk{i}", filter.Tags[i].Key);
            command.Add($"$tv{i}", filter.Tags[i].Value);
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY {order} LIMIT $n");
        command.Add("$n", limit + 1);
        command.CommandText = sql.ToString();
        var items = ReadAssets(command);
        return Task.FromResult(SqliteQueue.Paging(items, limit, a => a.Asset.Id));
    }

    public Task<InventoryAsset?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult(GetAsset(connection, null, organisation, assetId));
    }

    public Task<IReadOnlyList<AssetHistoryEntry>> GetHistoryAsync(string organisation, string assetId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, kind, changed_fields, hash, event_id, sweep_run_id, detected_at, applied_at
            FROM asset_history WHERE org = $org AND asset_id = $id ORDER BY version DESC LIMIT $n
            """;
        command.Add("$org", organisation);
        command.Add("$id", assetId);
        command.Add("$n", limit);
        var history = new List<AssetHistoryEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            history.Add(new AssetHistoryEntry(
                reader.GetInt64(0),
                EnumText<AssetChangeKind>.Parse(reader.GetString(1)),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(2), QlrfJson.Options) ?? [],
                reader.GetStringOrNull(3),
                Guid.Parse(reader.GetString(4)),
                reader.GetString(5),
                reader.GetTime(6),
                reader.GetTime(7)));
        }

        return Task.FromResult<IReadOnlyList<AssetHistoryEntry>>(history);
    }

    public Task<IReadOnlyList<Site>> ListSitesAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, platform, region, kind FROM sites WHERE org = $org ORDER BY name";
        command.Add("$org", organisation);
        var sites = new List<Site>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            sites.Add(new Site(reader.GetString(0), EnumText<Platform>.Parse(reader.GetString(1)), reader.GetString(2), EnumText<SiteKind>.Parse(reader.GetString(3))));
        }

        return Task.FromResult<IReadOnlyList<Site>>(sites);
    }

    public async Task<InventoryFacets> GetFacetsAsync(string organisation, CancellationToken cancellationToken)
    {
        var current = Interlocked.Read(ref generation);
        if (facetCache.TryGetValue(organisation, out var cached) && cached.Generation == current)
        {
            return cached.Facets;
        }

        var sites = (await ListSitesAsync(organisation, cancellationToken)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        using var connection = database.OpenRead();
        HashSet<string> Distinct(string column)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT DISTINCT {column} FROM assets WHERE org = $org AND removed_at IS NULL AND {column} IS NOT NULL";
            command.Add("$org", organisation);
            var values = new HashSet<string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }

        sites.UnionWith(Distinct("site"));
        var facets = new InventoryFacets(sites, Distinct("environment"), Distinct("image_family"));
        facetCache[organisation] = (current, facets);
        return facets;
    }

    /// <summary>Marks cached facets stale (sites or assets changed).</summary>
    internal void Invalidate() => Interlocked.Increment(ref generation);

    private static void AddFilter(StringBuilder sql, SqliteCommand command, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {column} = ${column}");
        command.Add("$" + column, value);
    }

    private static InventoryAsset? GetAsset(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string assetId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {AssetColumns} FROM assets WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", assetId);
        return ReadAssets(command).FirstOrDefault();
    }

    private static List<InventoryAsset> ReadAssets(SqliteCommand command)
    {
        var items = new List<InventoryAsset>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(ReadAsset(reader));
        }

        return items;
    }

    private static InventoryAsset ReadAsset(SqliteDataReader reader)
    {
        var family = reader.GetStringOrNull(6);
        return new InventoryAsset
        {
            Organisation = reader.GetString(0),
            Asset = new Asset
            {
                Id = reader.GetString(1),
                Name = reader.GetString(2),
                Platform = EnumText<Platform>.Parse(reader.GetString(3)),
                Site = reader.GetString(4),
                Environment = reader.GetString(5),
                Image = family is null ? null : new ImageRef(family, reader.GetStringOrNull(7) ?? string.Empty, reader.GetStringOrNull(8)),
                State = EnumText<AssetState>.Parse(reader.GetString(9)),
                Health = EnumText<AssetHealth>.Parse(reader.GetString(10)),
                Tags = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11), QlrfJson.Options) ?? [],
            },
            Source = reader.GetString(12),
            Version = reader.GetInt64(13),
            Hash = reader.GetString(14),
            FirstSeenAt = reader.GetTime(15),
            LastChangedAt = reader.GetTime(16),
            RemovedAt = reader.GetTimeOrNull(17),
        };
    }
}
