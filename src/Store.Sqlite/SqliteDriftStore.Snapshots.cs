using System.Text.Json;
using Qlrf.Drift;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteDriftStore
{
    public Task SaveSnapshotAsync(DriftSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return database.WriteAsync((connection, transaction) =>
        {
            using (var clear = Command(connection, transaction, "DELETE FROM drift_snapshot_rows WHERE org = $org AND snapshot_id = $id", "$org", "$id"))
            {
                clear.Parameters[0].Value = snapshot.Organisation;
                clear.Parameters[1].Value = snapshot.Id;
                clear.ExecuteNonQuery();
            }

            using (var header = Command(connection, transaction,
                "INSERT OR REPLACE INTO drift_snapshots (org, id, taken_at, trigger) VALUES ($org, $id, $at, $trigger)",
                "$org", "$id", "$at", "$trigger"))
            {
                header.Parameters[0].Value = snapshot.Organisation;
                header.Parameters[1].Value = snapshot.Id;
                header.Parameters[2].Value = SqliteValues.ToUnixMs(snapshot.TakenAt);
                header.Parameters[3].Value = EnumText<SnapshotTrigger>.Of(snapshot.Trigger);
                header.ExecuteNonQuery();
            }

            using var row = Command(connection, transaction,
                "INSERT INTO drift_snapshot_rows (org, snapshot_id, dimension, key, key2, summary) VALUES ($org, $id, $dimension, $key, $key2, $summary)",
                "$org", "$id", "$dimension", "$key", "$key2", "$summary");
            foreach (var r in snapshot.Rows)
            {
                row.Parameters[0].Value = snapshot.Organisation;
                row.Parameters[1].Value = snapshot.Id;
                row.Parameters[2].Value = EnumText<DriftDimension>.Of(r.Group.Dimension);
                row.Parameters[3].Value = r.Group.Key;
                row.Parameters[4].Value = r.Group.Key2;
                row.Parameters[5].Value = JsonSerializer.Serialize(r.Summary, QlrfJson.Options);
                row.ExecuteNonQuery();
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DriftSnapshot>> ListSnapshotsAsync(string organisation, DateTimeOffset from, DateTimeOffset to, DriftDimension dimension, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, s.taken_at, s.trigger, r.key, r.key2, r.summary
            FROM drift_snapshots s
            LEFT JOIN drift_snapshot_rows r ON r.org = s.org AND r.snapshot_id = s.id AND r.dimension = $dimension
            WHERE s.org = $org AND s.taken_at >= $from AND s.taken_at <= $to
            ORDER BY s.taken_at, s.id
            """;
        command.Add("$org", organisation);
        command.Add("$dimension", EnumText<DriftDimension>.Of(dimension));
        command.Add("$from", SqliteValues.ToUnixMs(from));
        command.Add("$to", SqliteValues.ToUnixMs(to));
        var snapshots = new List<DriftSnapshot>();
        List<SnapshotRow>? rows = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (snapshots.Count == 0 || snapshots[^1].Id != id)
            {
                rows = [];
                snapshots.Add(new DriftSnapshot(organisation, id, reader.GetTime(1), EnumText<SnapshotTrigger>.Parse(reader.GetString(2)), rows));
            }

            if (!reader.IsDBNull(3))
            {
                rows!.Add(new SnapshotRow(
                    new DriftGroup(dimension, reader.GetString(3), reader.GetString(4)),
                    JsonSerializer.Deserialize<DriftSummary>(reader.GetString(5), QlrfJson.Options)!));
            }
        }

        return Task.FromResult<IReadOnlyList<DriftSnapshot>>(snapshots);
    }

    public Task<int> PruneSnapshotsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var rows = Command(connection, transaction, """
                DELETE FROM drift_snapshot_rows WHERE (org, snapshot_id) IN (SELECT org, id FROM drift_snapshots WHERE taken_at < $before)
                """, "$before");
            rows.Parameters[0].Value = SqliteValues.ToUnixMs(before);
            rows.ExecuteNonQuery();
            using var headers = Command(connection, transaction, "DELETE FROM drift_snapshots WHERE taken_at < $before", "$before");
            headers.Parameters[0].Value = SqliteValues.ToUnixMs(before);
            return headers.ExecuteNonQuery();
        }, cancellationToken);
}
