using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>Reading and writing drift rows and summary counters.</summary>
internal static class DriftRows
{
    public const string Columns = "asset_id, name, platform, site, environment, family, version, status, reason, production_version, versions_behind, outdated_since";

    public static AssetDrift Read(SqliteDataReader reader, int offset = 0) => new()
    {
        AssetId = reader.GetString(offset),
        Name = reader.GetString(offset + 1),
        Platform = EnumText<Platform>.Parse(reader.GetString(offset + 2)),
        Site = reader.GetString(offset + 3),
        Environment = reader.GetString(offset + 4),
        Family = reader.GetString(offset + 5) is { Length: > 0 } family ? family : null,
        Version = reader.GetStringOrNull(offset + 6),
        Status = EnumText<DriftStatus>.Parse(reader.GetString(offset + 7)),
        Reason = reader.GetStringOrNull(offset + 8) is { } reason ? EnumText<UnknownReason>.Parse(reason) : null,
        ProductionVersion = reader.GetStringOrNull(offset + 9),
        VersionsBehind = reader.GetInt32(offset + 10),
        OutdatedSince = reader.IsDBNull(offset + 11) ? null : reader.GetInt64(offset + 11),
    };

    public static List<AssetDrift> ReadAll(SqliteCommand command)
    {
        var rows = new List<AssetDrift>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>The asset as drift needs it from <see cref="InventoryColumns"/> at <paramref name="offset"/>; null when absent or removed.</summary>
    public static Asset? ReadInventoryAsset(SqliteDataReader reader, int offset)
    {
        if (reader.IsDBNull(offset) || !reader.IsDBNull(offset + 6))
        {
            return null;
        }

        var family = reader.GetStringOrNull(offset + 4);
        return new Asset
        {
            Id = reader.GetString(offset),
            Name = reader.GetString(offset + 1),
            Platform = EnumText<Platform>.Parse(reader.GetString(offset + 2)),
            Site = reader.GetString(offset + 3),
            Environment = reader.GetString(offset + 5),
            Image = family is null ? null : new ImageRef(family, reader.GetStringOrNull(offset + 7) ?? string.Empty),
        };
    }

    public const string InventoryColumns = "a.id, a.name, a.platform, a.site, a.image_family, a.environment, a.removed_at, a.image_version";

    public const string JoinedDriftColumns =
        "d.asset_id, d.name, d.platform, d.site, d.environment, d.family, d.version, d.status, d.reason, d.production_version, d.versions_behind, d.outdated_since";

    /// <summary>The asset a drift row describes (enough to evaluate it again).</summary>
    public static Asset AsAsset(AssetDrift row) => new()
    {
        Id = row.AssetId,
        Name = row.Name,
        Platform = row.Platform,
        Site = row.Site,
        Environment = row.Environment,
        Image = row.Family is null ? null : new ImageRef(row.Family, row.Version ?? string.Empty),
    };

    public static void Bind(SqliteCommand upsert, string organisation, AssetDrift row)
    {
        var p = upsert.Parameters;
        p[0].Value = organisation;
        p[1].Value = row.AssetId;
        p[2].Value = row.Name;
        p[3].Value = EnumText<Platform>.Of(row.Platform);
        p[4].Value = row.Site;
        p[5].Value = row.Environment;
        p[6].Value = row.Family ?? string.Empty;
        p[7].Value = (object?)row.Version ?? DBNull.Value;
        p[8].Value = EnumText<DriftStatus>.Of(row.Status);
        p[9].Value = row.Reason is { } reason ? EnumText<UnknownReason>.Of(reason) : DBNull.Value;
        p[10].Value = (object?)row.ProductionVersion ?? DBNull.Value;
        p[11].Value = row.VersionsBehind;
        p[12].Value = (object?)row.OutdatedSince ?? DBNull.Value;
    }

    public const string UpdateSql = """
        UPDATE drift_assets SET name = $name, platform = $platform, site = $site, environment = $environment, version = $version,
          status = $status, reason = $reason, production_version = $production, versions_behind = $behind, outdated_since = $since
        WHERE org = $org AND family = $family AND asset_id = $id
        """;

    public const string UpsertSql = """
        INSERT OR REPLACE INTO drift_assets (org, asset_id, name, platform, site, environment, family, version, status, reason, production_version, versions_behind, outdated_since)
        VALUES ($org, $id, $name, $platform, $site, $environment, $family, $version, $status, $reason, $production, $behind, $since)
        """;

    public static readonly string[] UpsertParameters =
        ["$org", "$id", "$name", "$platform", "$site", "$environment", "$family", "$version", "$status", "$reason", "$production", "$behind", "$since"];

    /// <summary>Counters as stored: the since histogram as <c>seconds:count</c> pairs separated by commas.</summary>
    public static DriftCounters ReadCounters(SqliteDataReader reader, int offset)
    {
        var counters = new DriftCounters
        {
            Total = reader.GetInt64(offset),
            Compliant = reader.GetInt64(offset + 1),
            Outdated = reader.GetInt64(offset + 2),
            Ahead = reader.GetInt64(offset + 3),
            Unknown = reader.GetInt64(offset + 4),
            VersionsBehindSum = reader.GetInt64(offset + 5),
        };
        var text = reader.GetString(offset + 6);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            counters.SinceCounts[long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture)] = long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }

        return counters;
    }

    public const string CounterColumns = "total, compliant, outdated, ahead, unknown, versions_behind_sum, since_counts";

    public static string WriteSinceCounts(DriftCounters counters)
    {
        var text = new StringBuilder();
        foreach (var (since, count) in counters.SinceCounts.OrderBy(s => s.Key))
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{since}:{count}");
        }

        return text.ToString();
    }

    public static DriftGroup ReadGroup(SqliteDataReader reader, int offset) =>
        new(EnumText<DriftDimension>.Parse(reader.GetString(offset)), reader.GetString(offset + 1), reader.GetString(offset + 2));
}
