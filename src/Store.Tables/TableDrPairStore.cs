using Qlrf.Dr;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// DR pairs and their drill schedules on Table Storage (<see cref="TableNames.DrPairs"/>): the pair row and its schedule
/// row are written in one batch of the organisation's partition; the scheduler finds due drills through the
/// <c>|due</c> partition, whose rows it checks against the schedule rows (the truth). An index row that no schedule row
/// points to is deleted once it is older than <see cref="IndexGrace"/> (younger, its schedule row may be on its way).
/// </summary>
public sealed partial class TableDrPairStore(ITables tables, TimeProvider time) : IDrPairStore
{
    /// <summary>The scheduler's index partition; <c>|</c> is escaped in organisation ids, so no organisation has it.</summary>
    internal const string DuePartition = "|due";

    /// <summary>How long an index row may wait for the schedule row written after it before it counts as left behind.</summary>
    internal static readonly TimeSpan IndexGrace = TimeSpan.FromMinutes(5);

    private const int Attempts = 5;

    private ITable Table => tables[TableNames.DrPairs];

    public async Task<DrPair?> CreateAsync(DrPair pair, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var created = pair with { ETag = 1 };
        for (var attempt = 1; ; attempt++)
        {
            var schedule = await Table.GetAsync(created.Organisation, ScheduleKey(created.Id), cancellationToken);
            await IndexAsync(created.Organisation, created.Id, nextDrillAt, cancellationToken);
            try
            {
                await Table.SubmitAsync([TableAction.Add(Row(created)), .. Schedule(created.Organisation, created.Id, schedule, nextDrillAt)], cancellationToken);
                return created;
            }
            catch (TableConflictException)
            {
                return null;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
                // The schedule row changed between the read and the batch; read it again.
            }
        }
    }

    public async Task<DrPair?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, PairKey(pairId), cancellationToken) is { } row ? Read(row) : null;

    public async Task<Page<DrPair>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var prefix = "p" + TableKeys.Separator;
        var after = afterId is null ? null : PairKey(afterId);
        var pairs = new List<DrPair>();
        await foreach (var row in Table.QueryAsync(organisation, after ?? prefix, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (row.RowKey == after)
            {
                continue;
            }

            pairs.Add(Read(row));
            if (pairs.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(pairs, limit, p => p.Id);
    }

    public async Task<DrPair?> ReplaceAsync(DrPair pair, long expectedETag, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var next = pair with { ETag = expectedETag + 1 };
        for (var attempt = 1; ; attempt++)
        {
            if (await Table.GetAsync(next.Organisation, PairKey(next.Id), cancellationToken) is not { } stored || Read(stored).ETag != expectedETag)
            {
                return null;
            }

            var schedule = await Table.GetAsync(next.Organisation, ScheduleKey(next.Id), cancellationToken);
            await IndexAsync(next.Organisation, next.Id, nextDrillAt, cancellationToken);
            try
            {
                await Table.SubmitAsync([TableAction.Replace(Row(next), stored.ETag), .. Schedule(next.Organisation, next.Id, schedule, nextDrillAt)], cancellationToken);
                await UnindexAsync(next.Organisation, next.Id, schedule, nextDrillAt, cancellationToken);
                return next;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
                // The pair or its schedule changed meanwhile: a newer version refuses this write on the next read.
            }
        }
    }

    public async Task<bool> DeleteAsync(string organisation, string pairId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await Table.GetAsync(organisation, PairKey(pairId), cancellationToken) is not { } stored)
            {
                return false;
            }

            var schedule = await Table.GetAsync(organisation, ScheduleKey(pairId), cancellationToken);
            try
            {
                await Table.SubmitAsync([TableAction.Delete(stored, stored.ETag), .. Schedule(organisation, pairId, schedule, null)], cancellationToken);
                await UnindexAsync(organisation, pairId, schedule, null, cancellationToken);
                return true;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
            }
        }
    }

    public async Task<DateTimeOffset?> GetNextDrillAtAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, ScheduleKey(pairId), cancellationToken) is { } row ? DueAt(row) : null;

    private static string PairKey(string id) => TableKeys.Join("p", id);

    private static string ScheduleKey(string id) => TableKeys.Join("s", id);

    private static TableRow Row(DrPair pair)
    {
        var row = new TableRow(pair.Organisation, PairKey(pair.Id)) { ["Version"] = pair.ETag };
        JsonColumns.Write(row, pair);
        return row;
    }

    private static DrPair Read(TableRow row) => JsonColumns.Read<DrPair>(row) with { ETag = row.Number("Version") };
}
