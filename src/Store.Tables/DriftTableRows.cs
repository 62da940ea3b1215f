using System.Globalization;
using System.Text;
using Qlrf.Drift;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>Rows of <see cref="TableNames.Drift"/>: an asset's drift and its index copies, and summary counters.</summary>
internal static class DriftTableRows
{
    public const string OrganisationsPartition = "|orgs";

    public const string SummaryPrefix = "s|";

    public static string AssetKey(string assetId) => TableKeys.Join("a", assetId);

    public static string FamilyPrefix(string? family) => TableKeys.Join("f", family ?? string.Empty) + TableKeys.Separator;

    public static string FamilyKey(AssetDrift drift) => FamilyPrefix(drift.Family) + TableKeys.Escape(drift.AssetId);

    /// <summary>The outdated index key, or null when the asset is not outdated.</summary>
    public static string? OutdatedKey(AssetDrift drift) =>
        drift.Status == DriftStatus.Outdated ? OutdatedKey(drift.OutdatedSince ?? 0, drift.AssetId) : null;

    public static string OutdatedKey(long since, string assetId) => TableKeys.Join("o", TableKeys.Number(Math.Max(0, since)), assetId);

    public static string SummaryKey(DriftGroup group) => TableKeys.Join("s", EnumText<DriftDimension>.Of(group.Dimension), group.Key, group.Key2);

    public static TableRow Row(string organisation, string rowKey, AssetDrift drift)
    {
        var row = new TableRow(organisation, rowKey);
        JsonColumns.Write(row, drift);
        return row;
    }

    public static AssetDrift Read(TableRow row) => JsonColumns.Read<AssetDrift>(row);

    public static TableRow SummaryRow(string organisation, DriftGroup group, DriftCounters counters)
    {
        var row = new TableRow(organisation, SummaryKey(group))
        {
            ["Dimension"] = EnumText<DriftDimension>.Of(group.Dimension),
            ["Key"] = group.Key,
            ["Key2"] = group.Key2,
            ["Total"] = counters.Total,
            ["Compliant"] = counters.Compliant,
            ["Outdated"] = counters.Outdated,
            ["Ahead"] = counters.Ahead,
            ["Unknown"] = counters.Unknown,
            ["VersionsBehindSum"] = counters.VersionsBehindSum,
        };

        // The histogram is short (one entry per promotion time still behind), but split like JSON columns all the same.
        var since = WriteSinceCounts(counters);
        for (int i = 0, offset = 0; offset < since.Length || i == 0; i++, offset += JsonColumns.ChunkLength)
        {
            row[i == 0 ? "SinceCounts" : "SinceCounts" + i.ToString(CultureInfo.InvariantCulture)] = since.Substring(offset, Math.Min(JsonColumns.ChunkLength, since.Length - offset));
        }

        return row;
    }

    public static (DriftGroup Group, DriftCounters Counters) ReadSummary(TableRow row)
    {
        var group = new DriftGroup(EnumText<DriftDimension>.Parse(row.Text("Dimension")), row.Text("Key"), row.Text("Key2"));
        var counters = new DriftCounters
        {
            Total = row.Number("Total"),
            Compliant = row.Number("Compliant"),
            Outdated = row.Number("Outdated"),
            Ahead = row.Number("Ahead"),
            Unknown = row.Number("Unknown"),
            VersionsBehindSum = row.Number("VersionsBehindSum"),
        };
        var since = new StringBuilder(row.GetString("SinceCounts"));
        for (var i = 1; row.GetString("SinceCounts" + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            since.Append(chunk);
        }

        foreach (var pair in since.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            counters.SinceCounts[long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture)] = long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }

        return (group, counters);
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
