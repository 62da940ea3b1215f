using System.Collections.Concurrent;
using System.Text.Json;
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
    /// <summary>Log entries of outdated-key changes at which upkeep merges them into the index of outdated assets.</summary>
    private const int OutdatedMergeAt = 50_000;

    private readonly ConcurrentDictionary<(string, string), (long Revision, FamilyBaseline? Baseline)> baselineCache = new();

    public Task<int> ReconcileAssetsAsync(string organisation, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        // In key order, so that successive lookups and writes share the b-trees' upper pages.
        var sorted = assetIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ids = JsonSerializer.Serialize(sorted, QlrfJsonContext.Default.ListString);
        return database.WriteAsync((connection, transaction) =>
        {
            // One statement reads each asset as the inventory has it beside its stored drift row, found by the drift
            // table's key (the family the inventory names, one b-tree probe); rows not there (new assets, or ones whose
            // family changed) are looked for by asset id after.
            using var read = Command(connection, transaction, $"""
                SELECT j.value, {DriftRows.InventoryColumns}, {DriftRows.JoinedDriftColumns}
                FROM json_each($ids) j
                LEFT JOIN assets a ON a.org = $org AND a.id = j.value
                LEFT JOIN drift_assets d ON d.org = $org AND d.family = coalesce(a.image_family, '') AND d.asset_id = j.value
                """, "$ids", "$org");
            read.Parameters[0].Value = ids;
            read.Parameters[1].Value = organisation;
            var pairs = new List<(string Id, Inventory.Asset? Asset, AssetDrift? Before)>(sorted.Count);
            var missing = new Dictionary<string, int>(StringComparer.Ordinal);
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    if (reader.IsDBNull(9))
                    {
                        missing[id] = pairs.Count;
                    }

                    pairs.Add((id, DriftRows.ReadInventoryAsset(reader, 1), reader.IsDBNull(9) ? null : DriftRows.Read(reader, 9)));
                }
            }

            // CROSS JOIN keeps the ids outside: the planner would otherwise scan the organisation's rows for each id.
            if (missing.Count > 0)
            {
                using var find = Command(connection, transaction, $"""
                    SELECT {DriftRows.JoinedDriftColumns}
                    FROM json_each($ids) j CROSS JOIN drift_assets d ON d.org = $org AND d.asset_id = j.value
                    """, "$ids", "$org");
                find.Parameters[0].Value = JsonSerializer.Serialize(missing.Keys.ToList(), QlrfJsonContext.Default.ListString);
                find.Parameters[1].Value = organisation;
                using var reader = find.ExecuteReader();
                while (reader.Read())
                {
                    var found = DriftRows.Read(reader, 0);
                    var at = missing[found.AssetId];
                    pairs[at] = pairs[at] with { Before = found };
                }
            }

            using var baselines = new BaselineReads(connection, transaction, organisation, baselineCache);
            using var writes = new RowWrites(connection, transaction, organisation);
            var delta = new DriftDelta();
            foreach (var (id, asset, before) in pairs)
            {
                var after = asset is null ? null : DriftEvaluator.Evaluate(asset, asset.Image is { Family.Length: > 0 } image ? baselines.Get(image.Family) : null);
                if (delta.Apply(before, after))
                {
                    writes.Write(id, before, after);
                }
            }

            FlushSummaries(connection, transaction, organisation, delta);
            MergeOutdatedIfLong(connection, transaction);
            return delta.Changed;
        }, cancellationToken);
    }

    public Task<int> ReevaluateFamilyAsync(string organisation, string family, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            FamilyBaseline? baseline;
            using (var baselines = new BaselineReads(connection, transaction, organisation, baselineCache))
            {
                baseline = baselines.Get(family);
            }

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
                    writes.Write(before.AssetId, before, after);
                }
            }

            FlushSummaries(connection, transaction, organisation, delta);
            MergeOutdatedIfLong(connection, transaction);
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

    /// <summary>
    /// Merges the log of outdated-key changes into <c>drift_outdated</c> once it holds <see cref="OutdatedMergeAt"/> entries
    /// (its length from the ends of its key: two lookups, where one query of both would read it whole).
    /// </summary>
    private static void MergeOutdatedIfLong(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var length = Command(connection, transaction, "SELECT coalesce((SELECT max(seq) FROM drift_outdated_log) - (SELECT min(seq) FROM drift_outdated_log) + 1, 0)");
        if ((long)length.ExecuteScalar()! >= OutdatedMergeAt)
        {
            MergeOutdated(connection, transaction);
        }
    }

    /// <summary>
    /// Applies the log of outdated-key changes to <c>drift_outdated</c> and clears it: for each asset, the key it had before
    /// its first logged change goes and the key after its last comes, deletes then inserts each in key order (so they
    /// share pages), in the caller's transaction.
    /// </summary>
    internal static void MergeOutdated(SqliteConnection connection, SqliteTransaction transaction)
    {
        var net = new Dictionary<(string Org, string Id), (long? From, long? To)>();
        long last = 0;
        using (var read = Command(connection, transaction, "SELECT seq, org, asset_id, old_since, new_since FROM drift_outdated_log ORDER BY seq"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = (reader.GetString(1), reader.GetString(2));
                long? to = reader.IsDBNull(4) ? null : reader.GetInt64(4);
                net[key] = (net.TryGetValue(key, out var seen) ? seen.From : reader.IsDBNull(3) ? null : reader.GetInt64(3), to);
                last = reader.GetInt64(0);
            }
        }

        if (net.Count == 0)
        {
            return;
        }

        var order = Comparer<(string Org, long Since, string Id)>.Create((x, y) =>
            string.CompareOrdinal(x.Org, y.Org) is var o and not 0 ? o : x.Since != y.Since ? x.Since.CompareTo(y.Since) : string.CompareOrdinal(x.Id, y.Id));
        var moved = net.Where(e => e.Value.From != e.Value.To).ToList();
        using (var delete = Command(connection, transaction, "DELETE FROM drift_outdated WHERE org = $org AND since = $since AND asset_id = $id", "$org", "$since", "$id"))
        {
            foreach (var (org, since, id) in moved.Where(e => e.Value.From is not null).Select(e => (e.Key.Org, e.Value.From!.Value, e.Key.Id)).Order(order))
            {
                delete.Parameters[0].Value = org;
                delete.Parameters[1].Value = since;
                delete.Parameters[2].Value = id;
                delete.ExecuteNonQuery();
            }
        }

        using (var insert = Command(connection, transaction, "INSERT OR REPLACE INTO drift_outdated (org, since, asset_id) VALUES ($org, $since, $id)", "$org", "$since", "$id"))
        {
            foreach (var (org, since, id) in moved.Where(e => e.Value.To is not null).Select(e => (e.Key.Org, e.Value.To!.Value, e.Key.Id)).Order(order))
            {
                insert.Parameters[0].Value = org;
                insert.Parameters[1].Value = since;
                insert.Parameters[2].Value = id;
                insert.ExecuteNonQuery();
            }
        }

        using var clear = Command(connection, transaction, "DELETE FROM drift_outdated_log WHERE seq <= $last", "$last");
        clear.Parameters[0].Value = last;
        clear.ExecuteNonQuery();
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

    /// <summary>
    /// Inserts, updates and deletes drift rows with prepared statements, and logs each change of an asset's outdated key
    /// (outdated since when, or not outdated) for <see cref="MergeOutdated"/>.
    /// </summary>
    private sealed class RowWrites(SqliteConnection connection, SqliteTransaction transaction, string organisation) : IDisposable
    {
        private readonly SqliteCommand insert = Command(connection, transaction, DriftRows.UpsertSql, DriftRows.UpsertParameters);
        private readonly SqliteCommand update = Command(connection, transaction, DriftRows.UpdateSql, DriftRows.UpsertParameters);
        private readonly SqliteCommand delete = Command(connection, transaction, "DELETE FROM drift_assets WHERE org = $org AND asset_id = $id", "$org", "$id");
        private readonly SqliteCommand log = Command(connection, transaction,
            "INSERT INTO drift_outdated_log (org, asset_id, old_since, new_since) VALUES ($org, $id, $old, $new)", "$org", "$id", "$old", "$new");

        public void Write(string assetId, AssetDrift? before, AssetDrift? after)
        {
            WriteRow(assetId, before, after);
            if (OutdatedKey(before) is var old && OutdatedKey(after) is var now && old != now)
            {
                log.Parameters[0].Value = organisation;
                log.Parameters[1].Value = assetId;
                log.Parameters[2].Value = (object?)old ?? DBNull.Value;
                log.Parameters[3].Value = (object?)now ?? DBNull.Value;
                log.ExecuteNonQuery();
            }
        }

        private static long? OutdatedKey(AssetDrift? drift) => drift is { Status: DriftStatus.Outdated } ? drift.OutdatedSince ?? 0 : null;

        private void WriteRow(string assetId, AssetDrift? before, AssetDrift? after)
        {
            if (after is null)
            {
                delete.Parameters[0].Value = organisation;
                delete.Parameters[1].Value = assetId;
                delete.ExecuteNonQuery();
                return;
            }

            if (before is not null && before.Family == after.Family)
            {
                DriftRows.Bind(update, organisation, after);
                update.ExecuteNonQuery();
                return;
            }

            // A new asset, or one that changed family: its row moves to the other family's range.
            if (before is not null)
            {
                delete.Parameters[0].Value = organisation;
                delete.Parameters[1].Value = assetId;
                delete.ExecuteNonQuery();
            }

            DriftRows.Bind(insert, organisation, after);
            insert.ExecuteNonQuery();
        }

        public void Dispose()
        {
            insert.Dispose();
            update.Dispose();
            delete.Dispose();
            log.Dispose();
        }
    }

    /// <summary>
    /// Family baselines for one transaction: each family's revision is read (one key read) and its
    /// baseline taken from the store-wide cache when the revision matches, else loaded and cached.
    /// </summary>
    private sealed class BaselineReads(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string organisation,
        ConcurrentDictionary<(string, string), (long Revision, FamilyBaseline? Baseline)> cache) : IDisposable
    {
        private readonly Dictionary<string, FamilyBaseline?> seen = new(StringComparer.Ordinal);
        private readonly SqliteCommand revision = Command(connection, transaction, "SELECT revision FROM image_families WHERE org = $org AND name = $name", "$org", "$name");

        public FamilyBaseline? Get(string family)
        {
            if (seen.TryGetValue(family, out var known))
            {
                return known;
            }

            revision.Parameters[0].Value = organisation;
            revision.Parameters[1].Value = family;
            var current = revision.ExecuteScalar() is long r ? r : -1L;
            if (!cache.TryGetValue((organisation, family), out var cached) || cached.Revision != current)
            {
                cached = (current, current < 0 ? null : FamilyBaseline.From(family, ImageRows.FamilyVersions(connection, transaction, organisation, family)));
                cache[(organisation, family)] = cached;
            }

            seen[family] = cached.Baseline;
            return cached.Baseline;
        }

        public void Dispose() => revision.Dispose();
    }
}
