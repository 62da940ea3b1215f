using Qlrf.Dr;

namespace Qlrf.Store.Tables;

/// <summary>Finishing a drill: one batch of the organisation's partition, conditional on the record's ETag.</summary>
public sealed partial class TableDrillStore
{
    public async Task<bool> FinishAsync(DrillReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var organisation = report.Organisation;
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organisation, report.DrillId, cancellationToken) is not var (drill, etag) || drill.Status.IsFinished())
            {
                return false;
            }

            var finished = drill with
            {
                Status = report.Outcome.ToStatus(),
                Phase = DrillPhase.Report,
                UpdatedAt = report.FinishedAt,
                FinishedAt = report.FinishedAt,
                Rto = report.Rto?.Measured,
                Rpo = report.Rpo?.Measured,
                Summary = report.Summary,
                Sequence = drill.Sequence + 1,
            };
            var reportRow = new TableRow(organisation, TableKeys.Join("r", report.DrillId));
            JsonColumns.Write(reportRow, report);
            List<TableAction> actions = [TableAction.Replace(Row(finished, finished: true), etag), TableAction.Upsert(reportRow), .. await FreeAsync(drill, cancellationToken)];
            if (!report.DryRun && report.Outcome is DrillOutcome.Passed or DrillOutcome.Failed)
            {
                actions.AddRange(await LastDrillAsync(drill.PairId, report, cancellationToken));
            }

            try
            {
                await Table.SubmitAsync(actions, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < Attempts)
            {
                // The record, the guard or the last drill changed meanwhile: decide again on what is stored now.
            }
        }
    }

    public async Task AbandonAsync(string organisation, string drillId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organisation, drillId, cancellationToken) is not var (drill, etag) || drill.Status.IsFinished())
            {
                return;
            }

            var abandoned = drill with { Status = DrillStatus.Failed, UpdatedAt = at, FinishedAt = at, Summary = reason, Sequence = drill.Sequence + 1 };
            try
            {
                await Table.SubmitAsync([TableAction.Replace(Row(abandoned, finished: true), etag), .. await FreeAsync(drill, cancellationToken)], cancellationToken);
                return;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>Deletes the pair's guard if this drill holds it (conditional on its ETag, so a guard taken over meanwhile stays).</summary>
    private async Task<List<TableAction>> FreeAsync(DrillRecord drill, CancellationToken cancellationToken) =>
        await Table.GetAsync(drill.Organisation, LiveKey(drill.PairId), cancellationToken) is { } guard && guard.GetString("DrillId") == drill.Id
            ? [TableAction.Delete(guard, guard.ETag)]
            : [];

    /// <summary>Makes this the pair's last drill unless the stored one finished later (conditional on its ETag).</summary>
    private async Task<List<TableAction>> LastDrillAsync(string pairId, DrillReport report, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(report.Organisation, LastKey(pairId), cancellationToken);
        if (stored is not null && JsonColumns.Read<LastDrill>(stored).FinishedAt > report.FinishedAt)
        {
            return [];
        }

        var row = new TableRow(report.Organisation, LastKey(pairId));
        JsonColumns.Write(row, new LastDrill(report.DrillId, report.Kind, report.Outcome, report.FinishedAt, report.Rto?.Measured, report.Rpo?.Measured));
        return [stored is null ? TableAction.Add(row) : TableAction.Replace(row, stored.ETag)];
    }
}
