using Microsoft.Data.Sqlite;
using Qlrf.Drift;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>
/// Upkeep: every change is a reconciliation of stored drift rows with the current inventory and
/// registry, applied to the summaries as a delta in the same transaction.
/// </summary>
public sealed partial class SqliteDriftStore
{
    public Task<int> ReconcileAssetsAsync(string organisation, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        return database.WriteAsync((connection, transaction) =>
        {
            using var inventory = Command(connection, transaction, $"SELECT {DriftRows.InventoryColumns} FROM assets WHERE org = $org AND id = $id", "$org", "$id");
            using var current = Command(connection, transaction, $"SELECT {DriftRows.Columns} FROM drift_assets WHERE org = $org AND asset_id = $id", "$org", "$id");
            using var writes = new RowWrites(connection, transaction, organisation);
            var baselines = new Dictionary<string, FamilyBaseline?>(StringComparer.Ordinal);
            var delta = new DriftDelta();
            foreach (var id in assetIds.Distinct(StringComparer.Ordinal))
            {
                inventory.Parameters[0].Value = organisation;
                inventory.Parameters[1].Value = id;
                Inventory.Asset? asset;
                using (var reader = inventory.ExecuteReader())
                {
                    asset = DriftRows.ReadInventoryAsset(reader);
                }

                current.Parameters[0].Value = organisation;
                current.Parameters[1].Value = id;
                AssetDrift? before;
                using (var reader = current.ExecuteReader())
                {
                    before = reader.Read() ? DriftRows.Read(reader) : null;
                }

                var after = asset is null ? null : DriftEvaluator.Evaluate(asset, Baseline(connection, transaction, organisation, asset, baselines));
                if (delta.Apply(before, after))
                {
                    writes.Write(id, after);
                }
            }

            FlushSummaries(connection, transaction, organisation, delta);
            return delta.Changed;
        }, cancellationToken);
    }

    public Task<int> ReevaluateFamilyAsync(string organisation, string family, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var baseline = ImageRows.Baseline(connection, transaction, organisation, family);
            using var select = Command(connection, transaction, $"SELECT {DriftRows.Columns} FROM drift_assets WHERE org = $org AND family = $family", "$org", "$family");
            select.Parameters[0].Value = organisation;
            select.Parameters[1].Value = family;
            var rows = DriftRows.ReadAll(select);
            using var writes = new RowWrites(connection, transaction, organisation);
            var delta = new DriftDelta();
            foreach (var before in rows)
            {
                var after = DriftEvaluator.Evaluate(DriftRows.AsAsset(before), baseline);
                if (delta.Apply(before, after))
                {
                    writes.Write(before.AssetId, after);
                }
            }

            FlushSummaries(connection, transaction, organisation, delta);
            using var done = Command(connection, transaction, "DELETE FROM drift_pending WHERE org = $org AND family = $family", "$org", "$family");
            done.Parameters[0].Value = organisation;
            done.Parameters[1].Value = family;
            done.ExecuteNonQuery();
            return delta.Changed;
        }, cancellationToken);

    public Task<IReadOnlyList<(string Organisation, string Family)>> ListPendingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT org, family FROM drift_pending ORDER BY requested_at";
        var pending = new List<(string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pending.Add((reader.GetString(0), reader.GetString(1)));
        }

        return Task.FromResult<IReadOnlyList<(string, string)>>(pending);
    }

    private static FamilyBaseline? Baseline(SqliteConnection connection, SqliteTransaction transaction, string organisation, Inventory.Asset asset, Dictionary<string, FamilyBaseline?> cache)
    {
        if (asset.Image is not { Family.Length: > 0 } image)
        {
            return null;
        }

        if (!cache.TryGetValue(image.Family, out var baseline))
        {
            cache[image.Family] = baseline = ImageRows.Baseline(connection, transaction, organisation, image.Family);
        }

        return baseline;
    }

    /// <summary>Adds the delta to each group's stored counters; a group left with nothing is deleted.</summary>
    private static void FlushSummaries(SqliteConnection connection, SqliteTransaction transaction, string organisation, DriftDelta delta)
    {
        if (delta.Groups.Count == 0)
        {
            return;
        }

        using var select = Command(connection, transaction,
            $"SELECT {DriftRows.CounterColumns} FROM drift_summaries WHERE org = $org AND dimension = $dimension AND key = $key AND key2 = $key2",
            "$org", "$dimension", "$key", "$key2");
        using var upsert = Command(connection, transaction, $"""
            INSERT OR REPLACE INTO drift_summaries (org, dimension, key, key2, {DriftRows.CounterColumns})
            VALUES ($org, $dimension, $key, $key2, $total, $compliant, $outdated, $ahead, $unknown, $behind, $counts)
            """,
            "$org", "$dimension", "$key", "$key2", "$total", "$compliant", "$outdated", "$ahead", "$unknown", "$behind", "$counts");
        using var delete = Command(connection, transaction,
            "DELETE FROM drift_summaries WHERE org = $org AND dimension = $dimension AND key = $key AND key2 = $key2",
            "$org", "$dimension", "$key", "$key2");
        foreach (var (group, change) in delta.Groups)
        {
            if (change.IsEmpty)
            {
                continue;
            }

            object[] key = [organisation, EnumText<DriftDimension>.Of(group.Dimension), group.Key, group.Key2];
            for (var i = 0; i < key.Length; i++)
            {
                select.Parameters[i].Value = key[i];
                upsert.Parameters[i].Value = key[i];
                delete.Parameters[i].Value = key[i];
            }

            DriftCounters counters;
            using (var reader = select.ExecuteReader())
            {
                counters = reader.Read() ? DriftRows.ReadCounters(reader, 0) : new DriftCounters();
            }

            counters.Add(change);
            if (counters.IsEmpty)
            {
                delete.ExecuteNonQuery();
                continue;
            }

            object[] values = [counters.Total, counters.Compliant, counters.Outdated, counters.Ahead, counters.Unknown, counters.VersionsBehindSum, DriftRows.WriteSinceCounts(counters)];
            for (var i = 0; i < values.Length; i++)
            {
                upsert.Parameters[4 + i].Value = values[i];
            }

            upsert.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        if (transaction is not null)
        {
            command.Prepare();
        }

        return command;
    }

    /// <summary>Writes and deletes drift rows with prepared statements.</summary>
    private sealed class RowWrites(SqliteConnection connection, SqliteTransaction transaction, string organisation) : IDisposable
    {
        private readonly SqliteCommand upsert = Command(connection, transaction, DriftRows.UpsertSql, DriftRows.UpsertParameters);
        private readonly SqliteCommand delete = Command(connection, transaction, "DELETE FROM drift_assets WHERE org = $org AND asset_id = $id", "$org", "$id");

        public void Write(string assetId, AssetDrift? row)
        {
            if (row is null)
            {
                delete.Parameters[0].Value = organisation;
                delete.Parameters[1].Value = assetId;
                delete.ExecuteNonQuery();
                return;
            }

            DriftRows.Bind(upsert, organisation, row);
            upsert.ExecuteNonQuery();
        }

        public void Dispose()
        {
            upsert.Dispose();
            delete.Dispose();
        }
    }
}
