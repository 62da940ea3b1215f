using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteCertificateStore
{
    public Task<(CertificateRotation Rotation, bool Created)> CreateRotationAsync(CertificateRotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return database.WriteAsync((connection, transaction) =>
        {
            if (rotation.IdempotencyKey is not null)
            {
                var existing = ReadRotations(connection, transaction, "WHERE org = $org AND idempotency_key = $key", c =>
                {
                    c.Add("$org", rotation.Organisation);
                    c.Add("$key", rotation.IdempotencyKey);
                }).FirstOrDefault();
                if (existing is not null)
                {
                    return (existing, false);
                }
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO cert_rotations (org, id, cert_id, created_at, idempotency_key, body) VALUES ($org, $id, $cert, $at, $key, $body)";
            command.Add("$org", rotation.Organisation);
            command.Add("$id", rotation.Id);
            command.Add("$cert", rotation.CertificateId);
            command.Add("$at", SqliteValues.ToUnixMs(rotation.CreatedAt));
            command.Add("$key", rotation.IdempotencyKey);
            command.Add("$body", JsonSerializer.Serialize(rotation, QlrfJson.Options));
            command.ExecuteNonQuery();
            return (rotation, true);
        }, cancellationToken);
    }

    public Task<CertificateRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(ReadRotations(connection, null, "WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", rotationId);
        }).FirstOrDefault());
    }

    public Task<CertificateRotation> UpdateRotationAsync(string organisation, string rotationId, Func<CertificateRotation, CertificateRotation> change, CancellationToken cancellationToken)
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
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE cert_rotations SET body = $body WHERE org = $org AND id = $id";
            command.Add("$org", organisation);
            command.Add("$id", rotationId);
            command.Add("$body", JsonSerializer.Serialize(next, QlrfJson.Options));
            command.ExecuteNonQuery();
            return next;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CertificateRotation>> ListRotationsAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<CertificateRotation>>(ReadRotations(connection, null, "WHERE org = $org AND cert_id = $cert ORDER BY created_at DESC, id DESC", c =>
        {
            c.Add("$org", organisation);
            c.Add("$cert", certificateId);
        }));
    }

    private static List<CertificateRotation> ReadRotations(SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body FROM cert_rotations " + where;
        bind(command);
        return Bodies<CertificateRotation>(command);
    }
}
