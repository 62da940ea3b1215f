using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Paging;
using Qlrf.Security;

namespace Qlrf.Store.Sqlite;

/// <summary>API keys on the embedded store.</summary>
public sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "org, id, name, role, scope, secret_hash, created_at, created_by, expires_at, revoked_at, revoked_by";

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO api_keys ({Columns}) VALUES ($org, $id, $name, $role, $scope, $hash, $created, $by, $expires, $revoked, $revokedBy)";
                command.Add("$org", key.Organisation);
                command.Add("$id", key.Id);
                command.Add("$name", key.Name);
                command.Add("$role", EnumText<Role>.Of(key.Role));
                command.Add("$scope", key.Scope.ToString());
                command.Add("$hash", key.SecretHash);
                command.Add("$created", SqliteValues.ToUnixMs(key.CreatedAt));
                command.Add("$by", key.CreatedBy);
                command.Add("$expires", SqliteValues.ToUnixMs(key.ExpiresAt));
                command.Add("$revoked", SqliteValues.DbTime(key.RevokedAt));
                command.Add("$revokedBy", key.RevokedBy);
                command.ExecuteNonQuery();
            }, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ConflictException($"API key '{key.Id}' already exists.");
        }
    }

    public Task<ApiKey?> GetAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(Get(connection, null, organisation, id));
    }

    public Task<Page<ApiKey>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE org = $org AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $n";
        command.Add("$org", organisation);
        command.Add("$after", afterId);
        command.Add("$n", limit + 1);
        return Task.FromResult(SqliteQueue.Paging(Read(command), limit, k => k.Id));
    }

    public Task<ApiKey?> RevokeAsync(string organisation, string id, DateTimeOffset at, string by, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE api_keys SET revoked_at = $at, revoked_by = $by WHERE org = $org AND id = $id AND revoked_at IS NULL";
                command.Add("$org", organisation);
                command.Add("$id", id);
                command.Add("$at", SqliteValues.ToUnixMs(at));
                command.Add("$by", by);
                command.ExecuteNonQuery();
            }

            return Get(connection, transaction, organisation, id);
        }, cancellationToken);

    public Task<bool> HasActiveAdminAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM api_keys
            WHERE org = $org AND role = $role AND scope = $scope AND revoked_at IS NULL AND expires_at > $now)
            """;
        command.Add("$org", organisation);
        command.Add("$role", EnumText<Role>.Of(Role.Admin));
        command.Add("$scope", RoleScope.Organisation.ToString());
        command.Add("$now", SqliteValues.ToUnixMs(now));
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0);
    }

    private static ApiKey? Get(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", id);
        return Read(command).FirstOrDefault();
    }

    private static List<ApiKey> Read(SqliteCommand command)
    {
        var keys = new List<ApiKey>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new ApiKey
            {
                Organisation = reader.GetString(0),
                Id = reader.GetString(1),
                Name = reader.GetString(2),
                Role = EnumText<Role>.Parse(reader.GetString(3)),
                Scope = RoleScope.Parse(reader.GetString(4)),
                SecretHash = reader.GetString(5),
                CreatedAt = reader.GetTime(6),
                CreatedBy = reader.GetString(7),
                ExpiresAt = reader.GetTime(8),
                RevokedAt = reader.GetTimeOrNull(9),
                RevokedBy = reader.GetStringOrNull(10),
            });
        }

        return keys;
    }
}
