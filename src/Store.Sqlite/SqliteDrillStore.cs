using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Dr;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>Drills, their reports, live drills and last drills on the embedded store.</summary>
public sealed partial class SqliteDrillStore(SqliteDatabase database) : IDrillStore
{
    public Task<DrillStart> TryStartAsync(DrillRecord drill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return database.WriteAsync((connection, transaction) =>
        {
            if (Find(connection, transaction, drill.Organisation, drill.Id) is { } existing)
            {
                return new DrillStart(existing, DrillStartResult.Exists);
            }

            using (var live = connection.CreateCommand())
            {
                live.Transaction = transaction;
                live.CommandText = "SELECT drill_id FROM dr_live_drills WHERE org = $org AND pair_id = $pair";
                live.Add("$org", drill.Organisation);
                live.Add("$pair", drill.PairId);
                if (live.ExecuteScalar() is string holder && Find(connection, transaction, drill.Organisation, holder) is { } busy)
                {
                    return new DrillStart(busy, DrillStartResult.Busy);
                }
            }

            Execute(connection, transaction, "INSERT INTO dr_drills (org, id, pair_id, created_at, seq, finished, body) VALUES ($org, $id, $pair, $at, $seq, 0, $body)", c =>
            {
                c.Add("$org", drill.Organisation);
                c.Add("$id", drill.Id);
                c.Add("$pair", drill.PairId);
                c.Add("$at", SqliteValues.ToUnixMs(drill.CreatedAt));
                c.Add("$seq", drill.Sequence);
                c.Add("$body", JsonSerializer.Serialize(drill, QlrfJson.Options));
            });
            Execute(connection, transaction, "INSERT OR REPLACE INTO dr_live_drills (org, pair_id, drill_id) VALUES ($org, $pair, $id)", c =>
            {
                c.Add("$org", drill.Organisation);
                c.Add("$pair", drill.PairId);
                c.Add("$id", drill.Id);
            });
            return new DrillStart(drill, DrillStartResult.Started);
        }, cancellationToken);
    }

    public Task<DrillRecord?> GetAsync(string organisation, string drillId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult(Find(connection, null, organisation, drillId));
    }

    public Task<Page<DrillRecord>> ListAsync(string organisation, string? pairId, int limit, string? afterId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long? afterTime = null;
        string? afterKey = null;
        if (afterId is not null && afterId.Split('|', 2) is [var time, var id] && long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            (afterTime, afterKey) = (ms, id);
        }

        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT body FROM dr_drills
            WHERE org = $org AND ($pair IS NULL OR pair_id = $pair)
              AND ($time IS NULL OR created_at < $time OR (created_at = $time AND id < $id))
            ORDER BY created_at DESC, id DESC LIMIT $n
            """;
        command.Add("$org", organisation);
        command.Add("$pair", pairId);
        command.Add("$time", afterTime);
        command.Add("$id", afterKey);
        command.Add("$n", limit + 1);
        var items = new List<DrillRecord>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(JsonSerializer.Deserialize<DrillRecord>(reader.GetString(0), QlrfJson.Options)!);
            }
        }

        return Task.FromResult(SqliteQueue.Paging(items, limit, d => string.Create(CultureInfo.InvariantCulture, $"{SqliteValues.ToUnixMs(d.CreatedAt)}|{d.Id}")));
    }

    public Task<bool> UpdateProgressAsync(DrillProgressUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return database.WriteAsync((connection, transaction) =>
        {
            var drill = Find(connection, transaction, update.Organisation, update.DrillId);
            if (drill is null || drill.Status.IsFinished() || drill.Sequence >= update.Sequence)
            {
                return false;
            }

            Save(connection, transaction, drill with { Status = update.Status, Phase = update.Phase, UpdatedAt = update.At, Sequence = update.Sequence }, finished: false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> FinishAsync(DrillReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return database.WriteAsync((connection, transaction) =>
        {
            var drill = Find(connection, transaction, report.Organisation, report.DrillId);
            if (drill is null || drill.Status.IsFinished())
            {
                return false;
            }

            Save(connection, transaction, drill with
            {
                Status = report.Outcome.ToStatus(),
                Phase = DrillPhase.Report,
                UpdatedAt = report.FinishedAt,
                FinishedAt = report.FinishedAt,
                Rto = report.Rto?.Measured,
                Rpo = report.Rpo?.Measured,
                Summary = report.Summary,
                Sequence = drill.Sequence + 1,
            }, finished: true);
            Execute(connection, transaction, "INSERT OR REPLACE INTO dr_reports (org, drill_id, body) VALUES ($org, $id, $body)", c =>
            {
                c.Add("$org", report.Organisation);
                c.Add("$id", report.DrillId);
                c.Add("$body", JsonSerializer.Serialize(report, QlrfJson.Options));
            });
            Free(connection, transaction, drill);
            if (!report.DryRun && report.Outcome is DrillOutcome.Passed or DrillOutcome.Failed)
            {
                var last = new LastDrill(report.DrillId, report.Kind, report.Outcome, report.FinishedAt, report.Rto?.Measured, report.Rpo?.Measured);
                Execute(connection, transaction, """
                    INSERT INTO dr_last_drills (org, pair_id, finished_at, body) VALUES ($org, $pair, $at, $body)
                    ON CONFLICT (org, pair_id) DO UPDATE SET finished_at = excluded.finished_at, body = excluded.body
                    WHERE excluded.finished_at >= dr_last_drills.finished_at
                    """, c =>
                {
                    c.Add("$org", report.Organisation);
                    c.Add("$pair", drill.PairId);
                    c.Add("$at", SqliteValues.ToUnixMs(report.FinishedAt));
                    c.Add("$body", JsonSerializer.Serialize(last, QlrfJson.Options));
                });
            }

            return true;
        }, cancellationToken);
    }

    public Task<DrillReport?> GetReportAsync(string organisation, string drillId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM dr_reports WHERE org = $org AND drill_id = $id";
        command.Add("$org", organisation);
        command.Add("$id", drillId);
        return Task.FromResult(command.ExecuteScalar() is string body ? JsonSerializer.Deserialize<DrillReport>(body, QlrfJson.Options) : null);
    }

    public Task<LastDrill?> GetLastDrillAsync(string organisation, string pairId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM dr_last_drills WHERE org = $org AND pair_id = $pair";
        command.Add("$org", organisation);
        command.Add("$pair", pairId);
        return Task.FromResult(command.ExecuteScalar() is string body ? JsonSerializer.Deserialize<LastDrill>(body, QlrfJson.Options) : null);
    }

    public Task AbandonAsync(string organisation, string drillId, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var drill = Find(connection, transaction, organisation, drillId);
            if (drill is null || drill.Status.IsFinished())
            {
                return;
            }

            Save(connection, transaction, drill with { Status = DrillStatus.Failed, UpdatedAt = at, FinishedAt = at, Summary = reason, Sequence = drill.Sequence + 1 }, finished: true);
            Free(connection, transaction, drill);
        }, cancellationToken);
}
