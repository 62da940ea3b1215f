using System.Text.Json;
using Qlrf.Certificates;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteCertificateStore
{
    public Task<bool> RaiseAlertAsync(CertificateAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO cert_alerts (org, id, cert_id, raised_at, acknowledged, body) VALUES ($org, $id, $cert, $at, 0, $body)";
            command.Add("$org", alert.Organisation);
            command.Add("$id", alert.Id);
            command.Add("$cert", alert.CertificateId);
            command.Add("$at", SqliteValues.ToUnixMs(alert.RaisedAt));
            command.Add("$body", JsonSerializer.Serialize(alert, QlrfJson.Options));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<IReadOnlySet<string>> RaisedAlertIdsAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM cert_alerts WHERE org = $org AND cert_id = $cert";
        command.Add("$org", organisation);
        command.Add("$cert", certificateId);
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlySet<string>>(ids);
    }

    public Task<IReadOnlyList<CertificateAlert>> ListAlertsAsync(string organisation, bool includeAcknowledged, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM cert_alerts WHERE org = $org AND ($all = 1 OR acknowledged = 0) ORDER BY raised_at DESC, id";
        command.Add("$org", organisation);
        command.Add("$all", includeAcknowledged ? 1 : 0);
        return Task.FromResult<IReadOnlyList<CertificateAlert>>(Bodies<CertificateAlert>(command));
    }

    public Task<CertificateAlert?> GetAlertAsync(string organisation, string alertId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM cert_alerts WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", alertId);
        return Task.FromResult(Bodies<CertificateAlert>(command).FirstOrDefault());
    }

    public Task SaveAlertAsync(CertificateAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE cert_alerts SET acknowledged = $ack, body = $body WHERE org = $org AND id = $id";
            command.Add("$org", alert.Organisation);
            command.Add("$id", alert.Id);
            command.Add("$ack", alert.Acknowledged ? 1 : 0);
            command.Add("$body", JsonSerializer.Serialize(alert, QlrfJson.Options));
            command.ExecuteNonQuery();
        }, cancellationToken);
    }
}
