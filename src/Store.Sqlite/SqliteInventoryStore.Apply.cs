using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteInventoryStore
{
    /// <summary>
    /// Applies a batch in one transaction. For each event, in order: an event whose version is not newer
    /// than the asset's is skipped (a redelivery or a stale event); otherwise the asset row is written and
    /// the change appended to its history, keyed by version so history is never written twice.
    /// </summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return [];
        }

        var applied = await database.WriteAsync((connection, transaction) =>
        {
            using var commands = new ApplyCommands(connection, transaction);
            var now = SqliteValues.ToUnixMs(time.GetUtcNow());
            var result = new List<AppliedChange>(changes.Count);
            foreach (var change in changes)
            {
                commands.Select.Parameters[0].Value = change.Organisation;
                commands.Select.Parameters[1].Value = change.AssetId;
                InventoryAsset? previous;
                using (var reader = commands.Select.ExecuteReader())
                {
                    previous = reader.Read() ? ReadAsset(reader) : null;
                }

                if (previous is not null && change.Version <= previous.Version)
                {
                    continue;
                }

                if (change.Kind == AssetChangeKind.Removed)
                {
                    if (previous is null || previous.RemovedAt is not null)
                    {
                        continue;
                    }

                    commands.Remove(change, now);
                }
                else if (previous is { RemovedAt: null } && SameIndexedColumns(previous.Asset, change.Asset))
                {
                    commands.Update(change, now);
                }
                else
                {
                    commands.Upsert(change, now);
                }

                commands.History(change, now);
                result.Add(new AppliedChange(change, previous));
            }

            return result;
        }, cancellationToken);

        if (applied.Count > 0)
        {
            Invalidate();
        }

        return applied;
    }

    /// <summary>Whether an update leaves the indexed columns as they are, so the narrower statement can skip the indexes.</summary>
    private static bool SameIndexedColumns(Asset before, Asset? after) =>
        after is not null && before.Site == after.Site && before.Environment == after.Environment && before.Image?.Family == after.Image?.Family;

    /// <summary>The prepared statements of one apply transaction.</summary>
    private sealed class ApplyCommands : IDisposable
    {
        private readonly SqliteCommand upsert;
        private readonly SqliteCommand update;
        private readonly SqliteCommand remove;
        private readonly SqliteCommand history;

        public ApplyCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            Select = Command(connection, transaction, $"SELECT {AssetColumns} FROM assets WHERE org = $org AND id = $id", "$org", "$id");
            upsert = Command(connection, transaction, """
                INSERT INTO assets (org, id, name, platform, site, environment, image_family, image_version, image_reference, state, health, tags,
                                    source, version, hash, first_seen_at, last_changed_at, removed_at)
                VALUES ($org, $id, $name, $platform, $site, $environment, $family, $version_text, $reference, $state, $health, $tags,
                        $source, $version, $hash, $at, $at, NULL)
                ON CONFLICT (org, id) DO UPDATE SET name = excluded.name, platform = excluded.platform, site = excluded.site,
                  environment = excluded.environment, image_family = excluded.image_family, image_version = excluded.image_version,
                  image_reference = excluded.image_reference, state = excluded.state, health = excluded.health, tags = excluded.tags,
                  source = excluded.source, version = excluded.version, hash = excluded.hash, last_changed_at = excluded.last_changed_at,
                  removed_at = NULL
                """,
                "$org", "$id", "$name", "$platform", "$site", "$environment", "$family", "$version_text", "$reference", "$state", "$health", "$tags",
                "$source", "$version", "$hash", "$at");
            update = Command(connection, transaction, """
                UPDATE assets SET name = $name, platform = $platform, image_version = $version_text, image_reference = $reference,
                  state = $state, health = $health, tags = $tags, source = $source, version = $version, hash = $hash, last_changed_at = $at
                WHERE org = $org AND id = $id
                """,
                "$org", "$id", "$name", "$platform", "$version_text", "$reference", "$state", "$health", "$tags", "$source", "$version", "$hash", "$at");
            remove = Command(connection, transaction,
                "UPDATE assets SET removed_at = $at, last_changed_at = $at, version = $version WHERE org = $org AND id = $id",
                "$org", "$id", "$version", "$at");
            history = Command(connection, transaction, """
                INSERT OR IGNORE INTO asset_history (org, asset_id, version, kind, changed_fields, hash, event_id, sweep_run_id, detected_at, applied_at)
                VALUES ($org, $id, $version, $kind, $fields, $hash, $event, $run, $detected, $at)
                """,
                "$org", "$id", "$version", "$kind", "$fields", "$hash", "$event", "$run", "$detected", "$at");
        }

        public SqliteCommand Select { get; }

        public void Upsert(AssetChanged change, long now)
        {
            var asset = change.Asset ?? throw new InvalidOperationException($"Event {change.EventId} ({change.Kind}) carries no asset.");
            Set(upsert,
                change.Organisation, asset.Id, asset.Name, EnumText<Platform>.Of(asset.Platform), asset.Site, asset.Environment,
                asset.Image?.Family, asset.Image?.Version, asset.Image?.Reference,
                EnumText<AssetState>.Of(asset.State), EnumText<AssetHealth>.Of(asset.Health),
                JsonSerializer.Serialize(asset.Tags, QlrfJson.Options),
                change.Source, change.Version, change.Hash ?? AssetContentHash.Compute(asset), now);
            upsert.ExecuteNonQuery();
        }

        public void Update(AssetChanged change, long now)
        {
            var asset = change.Asset!;
            Set(update,
                change.Organisation, asset.Id, asset.Name, EnumText<Platform>.Of(asset.Platform),
                asset.Image?.Version, asset.Image?.Reference,
                EnumText<AssetState>.Of(asset.State), EnumText<AssetHealth>.Of(asset.Health),
                JsonSerializer.Serialize(asset.Tags, QlrfJson.Options),
                change.Source, change.Version, change.Hash ?? AssetContentHash.Compute(asset), now);
            update.ExecuteNonQuery();
        }

        public void Remove(AssetChanged change, long now)
        {
            Set(remove, change.Organisation, change.AssetId, change.Version, now);
            remove.ExecuteNonQuery();
        }

        public void History(AssetChanged change, long now)
        {
            Set(history,
                change.Organisation, change.AssetId, change.Version, EnumText<AssetChangeKind>.Of(change.Kind),
                change.ChangedFields.Count == 0 ? "[]" : JsonSerializer.Serialize(change.ChangedFields, QlrfJson.Options), change.Hash, change.EventId.ToString(), change.SweepRunId,
                SqliteValues.ToUnixMs(change.DetectedAt), now);
            history.ExecuteNonQuery();
        }

        public void Dispose()
        {
            Select.Dispose();
            upsert.Dispose();
            update.Dispose();
            remove.Dispose();
            history.Dispose();
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }

        private static void Set(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }
}
