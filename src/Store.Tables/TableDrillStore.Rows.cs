using Qlrf.Dr;

namespace Qlrf.Store.Tables;

/// <summary>The rows of a drill: its record, its listing rows, the pair's guard and last drill.</summary>
public sealed partial class TableDrillStore
{
    private async Task<(DrillRecord Drill, string? ETag)?> FindAsync(string organisation, string drillId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, RecordKey(drillId), cancellationToken) is { } row ? (JsonColumns.Read<DrillRecord>(row), row.ETag) : null;

    private static string RecordKey(string drillId) => TableKeys.Join("d", drillId);

    private static string LiveKey(string pairId) => TableKeys.Join("live", pairId);

    private static string LastKey(string pairId) => TableKeys.Join("last", pairId);

    /// <summary>Newest first: created time inverted, then the id.</summary>
    private static string Newest(DrillRecord drill) =>
        TableKeys.Descending(drill.CreatedAt.ToUnixTimeMilliseconds()) + TableKeys.Separator + TableKeys.Escape(drill.Id);

    private static string ListingKey(DrillRecord drill) => "n" + TableKeys.Separator + Newest(drill);

    private static string PairListingKey(DrillRecord drill) => TableKeys.Join("q", drill.PairId) + TableKeys.Separator + Newest(drill);

    private static TableRow Listing(string key, DrillRecord drill) => new(drill.Organisation, key) { ["DrillId"] = drill.Id };

    private static TableRow Row(DrillRecord drill, bool finished)
    {
        var row = new TableRow(drill.Organisation, RecordKey(drill.Id)) { ["Sequence"] = drill.Sequence, ["Finished"] = finished, ["PairId"] = drill.PairId };
        JsonColumns.Write(row, drill);
        return row;
    }
}
