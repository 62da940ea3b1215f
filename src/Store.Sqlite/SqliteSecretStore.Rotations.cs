using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Secrets;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteSecretStore
{
    public Task<(SecretRotation Rotation, bool Created)> CreateRotationAsync(SecretRotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return database.WriteAsync((connection, transaction) =>
        {
            if (rotation.IdempotencyKey is not null
                && ReadRotations(connection, transaction, "WHERE org = $org AND idempotency_key = $key", c =>
                {
                    c.Add("$org", rotation.Organisation);
                    c.Add("$key", rotation.IdempotencyKey);
                }).FirstOrDefault() is { } existing)
            {
                return (existing, false);
            }

            Execute(connection, transaction, "INSERT INTO secret_rotations (org, id, secret_id, created_at, idempotency_key, body) VALUES ($org, $id, $secret, $at, $key, $body)", c =>
            {
                c.Add("$org", rotation.Organisation);
                c.Add("$id", rotation.Id);
                c.Add("$secret", rotation.SecretId);
                c.Add("$at", SqliteValues.ToUnixMs(rotation.CreatedAt));
                c.Add("$key", rotation.IdempotencyKey);
                c.Add("$body", JsonSerializer.Serialize(rotation, QlrfJson.Options));
            });
            return (rotation, true);
        }, cancellationToken);
    }

    public Task<SecretRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(ReadRotations(connection, null, "WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", rotationId);
        }).FirstOrDefault());
    }

    public Task<SecretRotation> UpdateRotationAsync(string organisation, string rotationId, Func<SecretRotation, SecretRotation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return database.WriteAsync((connection, transaction) =>
        {
            var current = ReadRotations(connection, transaction, "WHERE org = $org AND id = $id", c =>
            {
                c.Add("$org", organisation);
                c.Add("$id", rotationId);
            }).FirstOrDefault() ?? throw new NotFoundException($"Rotation '{rotationId}' was not found.");
            var next = change(current);
            Execute(connection, transaction, "UPDATE secret_rotations SET body = $body WHERE org = $org AND id = $id", c =>
            {
                c.Add("$org", organisation);
                c.Add("$id", rotationId);
                c.Add("$body", JsonSerializer.Serialize(next, QlrfJson.Options));
            });
            return next;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<SecretRotation>> ListRotationsAsync(string organisation, string secretId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<SecretRotation>>(ReadRotations(connection, null, "WHERE org = $org AND secret_id = $secret ORDER BY created_at DESC, id DESC", c =>
        {
            c.Add("$org", organisation);
            c.Add("$secret", secretId);
        }));
    }

    private static List<SecretRotation> ReadRotations(SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body FROM secret_rotations " + where;
        bind(command);
        return Bodies<SecretRotation>(command);
    }
}
