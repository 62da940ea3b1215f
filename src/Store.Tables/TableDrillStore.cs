using System.Globalization;
using Qlrf.Dr;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// Drills on Table Storage (<see cref="TableNames.Drills"/>), all in the organisation's partition: a drill starts in one
/// batch that adds its record, its two listing rows and the pair's <c>live|{pair}</c> guard, so a pair never holds two
/// live drills; it finishes in one batch that replaces its record (conditional on its ETag), stores the report, deletes
/// the guard and moves the pair's last drill.
/// </summary>
public sealed partial class TableDrillStore(ITables tables) : IDrillStore
{
    private const int Attempts = 5;

    private ITable Table => tables[TableNames.Drills];

    public async Task<DrillStart> TryStartAsync(DrillRecord drill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var organisation = drill.Organisation;
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organisation, drill.Id, cancellationToken) is { } existing)
            {
                return new DrillStart(existing.Drill, DrillStartResult.Exists);
            }

            var guard = await Table.GetAsync(organisation, LiveKey(drill.PairId), cancellationToken);
            if (guard is not null && await FindAsync(organisation, guard.Text("DrillId"), cancellationToken) is { } holder)
            {
                return new DrillStart(holder.Drill, DrillStartResult.Busy);
            }

            // A guard whose drill record is missing holds nothing (the embedded store replaces it too).
            var live = new TableRow(organisation, LiveKey(drill.PairId)) { ["DrillId"] = drill.Id };
            try
            {
                await Table.SubmitAsync(
                [
                    TableAction.Add(Row(drill, finished: false)),
                    TableAction.Add(Listing(ListingKey(drill), drill)),
                    TableAction.Add(Listing(PairListingKey(drill), drill)),
                    guard is null ? TableAction.Add(live) : TableAction.Replace(live, guard.ETag),
                ], cancellationToken);
                return new DrillStart(drill, DrillStartResult.Started);
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < Attempts)
            {
                // Another start of this drill or of the pair won the race: read again to answer as it decided.
            }
        }
    }

    public async Task<DrillRecord?> GetAsync(string organisation, string drillId, CancellationToken cancellationToken) =>
        (await FindAsync(organisation, drillId, cancellationToken))?.Drill;

    public async Task<Page<DrillRecord>> ListAsync(string organisation, string? pairId, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var prefix = pairId is null ? "n" + TableKeys.Separator : TableKeys.Join("q", pairId) + TableKeys.Separator;
        string? after = null;
        if (afterId is not null && afterId.Split('|', 2) is [var time, var id] && long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            after = prefix + TableKeys.Descending(ms) + TableKeys.Separator + TableKeys.Escape(id);
        }

        var drills = new List<DrillRecord>();
        await foreach (var row in Table.QueryAsync(organisation, after ?? prefix, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (row.RowKey == after || await FindAsync(organisation, row.Text("DrillId"), cancellationToken) is not { } found)
            {
                continue;
            }

            drills.Add(found.Drill);
            if (drills.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(drills, limit, d => string.Create(CultureInfo.InvariantCulture, $"{d.CreatedAt.ToUnixTimeMilliseconds()}|{d.Id}"));
    }

    public async Task<bool> UpdateProgressAsync(DrillProgressUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        for (var attempt = 1; ; attempt++)
        {
            var found = await FindAsync(update.Organisation, update.DrillId, cancellationToken);
            if (found is not var (drill, etag) || drill.Status.IsFinished() || drill.Sequence >= update.Sequence)
            {
                return false;
            }

            var next = drill with { Status = update.Status, Phase = update.Phase, UpdatedAt = update.At, Sequence = update.Sequence };
            try
            {
                await Table.ReplaceAsync(Row(next, finished: false), etag, cancellationToken);
                return true;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
            }
        }
    }

    public async Task<DrillReport?> GetReportAsync(string organisation, string drillId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TableKeys.Join("r", drillId), cancellationToken) is { } row ? JsonColumns.Read<DrillReport>(row) : null;

    public async Task<LastDrill?> GetLastDrillAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, LastKey(pairId), cancellationToken) is { } row ? JsonColumns.Read<LastDrill>(row) : null;
}
