using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Execution;

namespace Qlrf.Store.Sqlite;

/// <summary>The sandbox platform's state on the embedded store.</summary>
public sealed class SqliteSandboxStateStore(SqliteDatabase database, TimeProvider time) : ISandboxStateStore
{
    private const string Columns = "asset_id, image_version, image_reference, changed_by, changed_at, patch_sets";

    public Task<IReadOnlyDictionary<string, SandboxAssetState>> LoadAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM sandbox_assets WHERE org = $org";
        command.Add("$org", organisation);
        var states = new Dictionary<string, SandboxAssetState>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var state = Read(reader);
            states[state.AssetId] = state;
        }

        return Task.FromResult<IReadOnlyDictionary<string, SandboxAssetState>>(states);
    }

    public Task<SandboxAssetState?> GetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM sandbox_assets WHERE org = $org AND asset_id = $id";
        command.Add("$org", organisation);
        command.Add("$id", assetId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public Task<SandboxAssetState> SetImageAsync(string organisation, string assetId, string version, string? reference, string changedBy, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sandbox_assets (org, asset_id, image_version, image_reference, changed_by, changed_at)
                VALUES ($org, $id, $version, $reference, $by, $at)
                ON CONFLICT (org, asset_id) DO UPDATE SET image_version = excluded.image_version, image_reference = excluded.image_reference,
                  changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """;
            command.Add("$org", organisation);
            command.Add("$id", assetId);
            command.Add("$version", version);
            command.Add("$reference", reference);
            command.Add("$by", changedBy);
            command.Add("$at", SqliteValues.ToUnixMs(at));
            command.ExecuteNonQuery();
            return Reread(connection, transaction, organisation, assetId);
        }, cancellationToken);
    }

    public Task<SandboxAssetState> SetPatchSetsAsync(
        string organisation, string assetId, string version, string? reference, IReadOnlyList<string> patchSets, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patchSets);
        var at = time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sandbox_assets (org, asset_id, image_version, image_reference, changed_by, changed_at, patch_sets)
                VALUES ($org, $id, $version, $reference, $by, $at, $sets)
                ON CONFLICT (org, asset_id) DO UPDATE SET patch_sets = excluded.patch_sets, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """;
            command.Add("$org", organisation);
            command.Add("$id", assetId);
            command.Add("$version", version);
            command.Add("$reference", reference);
            command.Add("$by", changedBy);
            command.Add("$at", SqliteValues.ToUnixMs(at));
            command.Add("$sets", JsonSerializer.Serialize(patchSets));
            command.ExecuteNonQuery();
            return Reread(connection, transaction, organisation, assetId);
        }, cancellationToken);
    }

    private static SandboxAssetState Reread(SqliteConnection connection, SqliteTransaction transaction, string organisation, string assetId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM sandbox_assets WHERE org = $org AND asset_id = $id";
        command.Add("$org", organisation);
        command.Add("$id", assetId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return Read(reader);
    }

    private static SandboxAssetState Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetString(3), reader.GetTime(4))
        {
            PatchSets = JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? [],
        };
}
