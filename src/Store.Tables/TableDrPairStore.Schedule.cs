using Qlrf.Dr;

namespace Qlrf.Store.Tables;

/// <summary>The drill schedule: a row per pair in the organisation's partition, and the scheduler's index across organisations.</summary>
public sealed partial class TableDrPairStore
{
    public async Task<IReadOnlyList<DueDrill>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<DueDrill>();
        if (max <= 0)
        {
            return due;
        }

        var end = TableKeys.Number(Ms(now) + 1);
        await foreach (var index in Table.QueryAsync(DuePartition, null, end, cancellationToken))
        {
            if (index.RowKey.Split(TableKeys.Separator) is not [var ms, var org, var pair])
            {
                continue;
            }

            var (organisation, pairId) = (TableKeys.Unescape(org), TableKeys.Unescape(pair));
            var at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, System.Globalization.CultureInfo.InvariantCulture));
            if (await Table.GetAsync(organisation, ScheduleKey(pairId), cancellationToken) is { } schedule && DueAt(schedule) == at)
            {
                due.Add(new DueDrill(organisation, pairId, at));
                if (due.Count == max)
                {
                    break;
                }
            }
            else if (index.GetDate("WrittenAt") is not { } written || written < time.GetUtcNow() - IndexGrace)
            {
                // Left behind by a schedule that moved or went: the schedule row no longer points here.
                await TryDeleteAsync(index, cancellationToken);
            }
        }

        return due;
    }

    public async Task<bool> ClaimDueAsync(string organisation, string pairId, DateTimeOffset due, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(organisation, ScheduleKey(pairId), cancellationToken) is not { } schedule || DueAt(schedule) != Truncate(due))
        {
            return false;
        }

        await IndexAsync(organisation, pairId, next, cancellationToken);
        try
        {
            await Table.SubmitAsync(Schedule(organisation, pairId, schedule, next), cancellationToken);
        }
        catch (TablePreconditionException)
        {
            return false;
        }

        await UnindexAsync(organisation, pairId, schedule, next, cancellationToken);
        return true;
    }

    /// <summary>After the schedule moved from <paramref name="previous"/> to <paramref name="now"/>, deletes the index row of the previous due time (best effort: one left behind is skipped when read).</summary>
    private async Task UnindexAsync(string organisation, string pairId, TableRow? previous, DateTimeOffset? now, CancellationToken cancellationToken)
    {
        if (previous is not null && DueAt(previous) is var was && was != (now is { } at ? Truncate(at) : null))
        {
            await TryDeleteAsync(IndexRow(organisation, pairId, was), cancellationToken);
        }
    }

    /// <summary>
    /// The actions setting the pair's schedule row to <paramref name="due"/> (none, a delete, or an add or replace conditional on
    /// <paramref name="stored"/>, as read), so the batch fails if a scheduler moved it meanwhile.
    /// </summary>
    private static List<TableAction> Schedule(string organisation, string pairId, TableRow? stored, DateTimeOffset? due)
    {
        if (due is null)
        {
            return stored is null ? [] : [TableAction.Delete(stored, stored.ETag)];
        }

        var row = new TableRow(organisation, ScheduleKey(pairId)) { ["DueAt"] = Ms(due.Value) };
        return [stored is null ? TableAction.Add(row) : TableAction.Replace(row, stored.ETag)];
    }

    /// <summary>Writes the index row of a schedule before the schedule row itself, so a due drill is never missing from the index.</summary>
    private async Task IndexAsync(string organisation, string pairId, DateTimeOffset? due, CancellationToken cancellationToken)
    {
        if (due is { } at)
        {
            var row = IndexRow(organisation, pairId, Truncate(at));
            row["WrittenAt"] = time.GetUtcNow();
            await Table.UpsertAsync(row, cancellationToken);
        }
    }

    private async Task TryDeleteAsync(TableRow row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitAsync([TableAction.Delete(row, row.ETag)], cancellationToken);
        }
        catch (TablePreconditionException)
        {
            // Gone already, or written again by a schedule that points here now.
        }
    }

    private static TableRow IndexRow(string organisation, string pairId, DateTimeOffset due) =>
        new(DuePartition, TableKeys.Number(Ms(due)) + TableKeys.Separator + TableKeys.Join(organisation, pairId));

    private static DateTimeOffset DueAt(TableRow schedule) => DateTimeOffset.FromUnixTimeMilliseconds(schedule.Number("DueAt"));

    /// <summary>Schedules keep milliseconds, as the embedded store does.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(Ms(at));

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
