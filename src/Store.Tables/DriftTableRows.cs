using System.Globalization;
using System.Text;
using Qlrf.Drift;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>
/// Rows of <see cref="TableNames.Drift"/>. An organisation's drift is spread over <see cref="Shards"/> partitions by a hash
/// of the asset id; each holds its assets' drift rows (keyed by family, so a family is one range per shard), roster pages
/// (which family each of its assets is under, to find a row by asset id) and one summary row (the counters of every
/// group over the shard's assets). A batch touches one shard, so rows, roster and summary change together.
/// </summary>
internal static class DriftTableRows
{
    public const string OrganisationsPartition = "|orgs";

    /// <summary>Partitions per organisation: a promotion spreads its reads and writes over them.</summary>
    public const int Shards = 16;

    /// <summary>Roster pages per shard (at most about 19,000 assets each, so an organisation holds about 1.2 million).</summary>
    public const int RosterPages = 4;

    public const string SummaryKey = "s";

    /// <summary>A stable hash of the asset id (FNV-1a over its UTF-16 code units): its shard and roster page.</summary>
    public static (int Shard, int Page) Place(string assetId)
    {
        ArgumentNullException.ThrowIfNull(assetId);
        var hash = 2166136261u;
        foreach (var c in assetId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return ((int)(hash % Shards), (int)(hash / Shards % RosterPages));
    }

    public static string Partition(string organisation, int shard) =>
        TableKeys.Escape(organisation) + TableKeys.Separator + "d" + shard.ToString("D2", CultureInfo.InvariantCulture);

    public static string Partition(string organisation, string assetId) => Partition(organisation, Place(assetId).Shard);

    public static string FamilyPrefix(string? family) => TableKeys.Join("f", family ?? string.Empty) + TableKeys.Separator;

    public static string FamilyKey(string? family, string assetId) => FamilyPrefix(family) + TableKeys.Escape(assetId);

    public static string FamilyKey(AssetDrift drift) => FamilyKey(drift.Family, drift.AssetId);

    public static string RosterKey(int page) => "r" + TableKeys.Separator + page.ToString(CultureInfo.InvariantCulture);

    public static TableRow Row(string organisation, AssetDrift drift)
    {
        var row = new TableRow(Partition(organisation, drift.AssetId), FamilyKey(drift));
        JsonColumns.Write(row, drift);
        return row;
    }

    public static AssetDrift Read(TableRow row) => JsonColumns.Read<AssetDrift>(row);

    /// <summary>A roster page: asset id to family (empty for none), one <c>asset|family</c> line each, escaped.</summary>
    public static Dictionary<string, string> ReadRoster(TableRow? row)
    {
        var roster = new Dictionary<string, string>(StringComparer.Ordinal);
        if (row is null)
        {
            return roster;
        }

        foreach (var line in JsonColumns.ReadText(row).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = line.IndexOf(TableKeys.Separator, StringComparison.Ordinal);
            roster[TableKeys.Unescape(line[..bar])] = TableKeys.Unescape(line[(bar + 1)..]);
        }

        return roster;
    }

    public static TableRow RosterRow(string partition, int page, Dictionary<string, string> roster)
    {
        var text = new StringBuilder();
        foreach (var (asset, family) in roster.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(TableKeys.Escape(asset)).Append(TableKeys.Separator).Append(TableKeys.Escape(family)).Append('\n');
        }

        var row = new TableRow(partition, RosterKey(page));
        JsonColumns.WriteText(row, text.ToString(), "drift roster page");
        return row;
    }

    /// <summary>
    /// A shard's summary row: one line per group with its counters,
    /// <c>dimension|key|key2|total|compliant|outdated|ahead|unknown|behind|since:count,...</c>, keys escaped.
    /// </summary>
    public static TableRow SummaryRow(string partition, IReadOnlyDictionary<DriftGroup, DriftCounters> groups)
    {
        var text = new StringBuilder();
        foreach (var (group, c) in groups.Where(g => !g.Value.IsEmpty).OrderBy(g => g.Key.Dimension).ThenBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Key2, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{EnumText<DriftDimension>.Of(group.Dimension)}|{TableKeys.Escape(group.Key)}|{TableKeys.Escape(group.Key2)}|")
                .Append(CultureInfo.InvariantCulture, $"{c.Total}|{c.Compliant}|{c.Outdated}|{c.Ahead}|{c.Unknown}|{c.VersionsBehindSum}|{WriteSinceCounts(c)}\n");
        }

        var row = new TableRow(partition, SummaryKey);
        JsonColumns.WriteText(row, text.ToString(), "drift summary");
        return row;
    }

    public static Dictionary<DriftGroup, DriftCounters> ReadSummary(TableRow? row)
    {
        var groups = new Dictionary<DriftGroup, DriftCounters>();
        if (row is null)
        {
            return groups;
        }

        foreach (var line in JsonColumns.ReadText(row).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(TableKeys.Separator);
            var counters = new DriftCounters
            {
                Total = long.Parse(f[3], CultureInfo.InvariantCulture),
                Compliant = long.Parse(f[4], CultureInfo.InvariantCulture),
                Outdated = long.Parse(f[5], CultureInfo.InvariantCulture),
                Ahead = long.Parse(f[6], CultureInfo.InvariantCulture),
                Unknown = long.Parse(f[7], CultureInfo.InvariantCulture),
                VersionsBehindSum = long.Parse(f[8], CultureInfo.InvariantCulture),
            };
            foreach (var pair in f[9].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                counters.SinceCounts[long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture)] = long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            }

            groups[new DriftGroup(EnumText<DriftDimension>.Parse(f[0]), TableKeys.Unescape(f[1]), TableKeys.Unescape(f[2]))] = counters;
        }

        return groups;
    }

    /// <summary>The since histogram as <c>seconds:count</c> pairs separated by commas (few entries: one per promotion).</summary>
    private static string WriteSinceCounts(DriftCounters counters)
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
}
