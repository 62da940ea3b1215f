using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Certificates;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>The certificate inventory on the embedded store: certificates, served endpoints, references, usages and history.</summary>
public sealed partial class SqliteCertificateStore(SqliteDatabase database) : ICertificateStore
{
    private static readonly string[] UsageParameters = ["$org", "$cert", "$kind", "$target", "$env", "$via", "$deployable"];

    public Task<IReadOnlyList<CertificateChange>> ApplySweepAsync(string organisation, string source, CertificateSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return database.WriteAsync<IReadOnlyList<CertificateChange>>((connection, transaction) =>
        {
            var before = ReadCertificates(connection, transaction, "WHERE org = $org AND source = $source", c =>
            {
                c.Add("$org", organisation);
                c.Add("$source", source);
            }).ToDictionary(c => c.Id, StringComparer.Ordinal);
            var keep = new HashSet<string>(sweep.Unreachable ?? [], StringComparer.Ordinal);
            var changes = new List<CertificateChange>();
            foreach (var certificate in sweep.Certificates)
            {
                before.TryGetValue(certificate.Id, out var old);
                Execute(connection, transaction, "INSERT INTO cert_certificates (org, id, source, not_after, body) VALUES ($org, $id, $source, $notAfter, $body) ON CONFLICT (org, id) DO UPDATE SET source = excluded.source, not_after = excluded.not_after, body = excluded.body", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$id", certificate.Id);
                    c.Add("$source", source);
                    c.Add("$notAfter", SqliteValues.ToUnixMs(certificate.NotAfter));
                    c.Add("$body", JsonSerializer.Serialize(certificate with { Organisation = organisation }, QlrfJson.Options));
                });
                if (old is null)
                {
                    changes.Add(new CertificateChange(organisation, certificate.Id, CertificateChangeKind.Added, null, certificate.Thumbprint, at, source));
                }
                else if (!old.SameContentAs(certificate))
                {
                    changes.Add(new CertificateChange(organisation, certificate.Id, CertificateChangeKind.Updated, old.Thumbprint, certificate.Thumbprint, at, source));
                }

                before.Remove(certificate.Id);
            }

            foreach (var gone in before.Values.Where(c => !keep.Contains(c.Id)))
            {
                Execute(connection, transaction, "DELETE FROM cert_certificates WHERE org = $org AND id = $id", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$id", gone.Id);
                });
                changes.Add(new CertificateChange(organisation, gone.Id, CertificateChangeKind.Removed, gone.Thumbprint, null, at, source));
            }

            foreach (var change in changes)
            {
                Execute(connection, transaction, "INSERT INTO cert_changes (org, cert_id, body) VALUES ($org, $cert, $body)", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$cert", change.CertificateId);
                    c.Add("$body", JsonSerializer.Serialize(change, QlrfJson.Options));
                });
            }

            ReplaceRows(connection, transaction, "cert_endpoints", "target", organisation, source, sweep.Endpoints.Select(e => (e.Target, JsonSerializer.Serialize(e, QlrfJson.Options))));
            ReplaceRows(connection, transaction, "cert_references", "cert_id", organisation, source, sweep.References.Select(r => (r.CertificateId, JsonSerializer.Serialize(r, QlrfJson.Options))));
            return changes;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ServedEndpoint>> ListServedEndpointsAsync(string organisation, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServedEndpoint>>(ReadBodies<ServedEndpoint>("SELECT body FROM cert_endpoints WHERE org = $org ORDER BY source, target", organisation));

    public Task<IReadOnlyList<SecretReferences>> ListSecretReferencesAsync(string organisation, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecretReferences>>(ReadBodies<SecretReferences>("SELECT body FROM cert_references WHERE org = $org ORDER BY source, cert_id", organisation));

    public Task ReplaceUsagesAsync(string organisation, IReadOnlyList<CertificateUsage> usages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usages);
        return database.WriteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, "DELETE FROM cert_usages WHERE org = $org", c => c.Add("$org", organisation));
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO cert_usages (org, cert_id, kind, target, environment, via, deployable) VALUES ($org, $cert, $kind, $target, $env, $via, $deployable)";
            var p = UsageParameters.Select(n => insert.Add(n, null)).ToArray();
            foreach (var usage in usages)
            {
                p[0].Value = organisation;
                p[1].Value = usage.CertificateId;
                p[2].Value = usage.Kind.ToString();
                p[3].Value = usage.Target;
                p[4].Value = usage.Environment;
                p[5].Value = usage.Via;
                p[6].Value = usage.Deployable ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        }, cancellationToken);
    }

    public Task<Certificate?> GetAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(ReadCertificates(connection, null, "WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", certificateId);
        }).FirstOrDefault());
    }

    public Task<Page<Certificate>> ListAsync(string organisation, CertificateFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (afterMs, afterId) = Cursor(after);
        using var connection = database.OpenRead();
        var items = ReadCertificates(connection, null, "WHERE org = $org AND ($max IS NULL OR not_after <= $max) AND ($afterMs IS NULL OR not_after > $afterMs OR (not_after = $afterMs AND id > $afterId)) ORDER BY not_after, id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$max", filter.ExpiringWithinDays is { } days ? SqliteValues.ToUnixMs(filter.Now.AddDays(days)) : null);
            c.Add("$afterMs", afterMs);
            c.Add("$afterId", afterId);
        }).Where(filter.Matches).Take(limit + 1).ToList();
        return Task.FromResult(SqliteQueue.Paging(items, limit, c => FormattableString.Invariant($"{SqliteValues.ToUnixMs(c.NotAfter)}|{c.Id}")));
    }

    public Task<IReadOnlyList<Certificate>> ListAllAsync(string organisation, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<Certificate>>(ReadCertificates(connection, null, "WHERE org = $org ORDER BY not_after, id", c => c.Add("$org", organisation)));
    }

    public Task<IReadOnlyList<CertificateUsage>> ListUsagesAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, target, environment, via, deployable FROM cert_usages WHERE org = $org AND cert_id = $cert ORDER BY kind, target";
        command.Add("$org", organisation);
        command.Add("$cert", certificateId);
        using var reader = command.ExecuteReader();
        var usages = new List<CertificateUsage>();
        while (reader.Read())
        {
            usages.Add(new CertificateUsage(certificateId, Enum.Parse<UsageKind>(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) == 1));
        }

        return Task.FromResult<IReadOnlyList<CertificateUsage>>(usages);
    }

    public Task<int> CountUsagesAsync(string organisation, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cert_usages WHERE org = $org";
        command.Add("$org", organisation);
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<IReadOnlyList<CertificateChange>> ListChangesAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM cert_changes WHERE org = $org AND cert_id = $cert ORDER BY seq DESC";
        command.Add("$org", organisation);
        command.Add("$cert", certificateId);
        return Task.FromResult<IReadOnlyList<CertificateChange>>(Bodies<CertificateChange>(command));
    }

    private static (long? Ms, string? Id) Cursor(string? after)
    {
        if (after is null)
        {
            return (null, null);
        }

        var bar = after.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && long.TryParse(after[..bar], System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? (ms, after[(bar + 1)..])
            : throw new ArgumentException("The cursor is not one this list returned.", nameof(after));
    }

    private static void ReplaceRows(SqliteConnection connection, SqliteTransaction transaction, string table, string keyColumn, string organisation, string source, IEnumerable<(string Key, string Body)> rows)
    {
        Execute(connection, transaction, $"DELETE FROM {table} WHERE org = $org AND source = $source", c =>
        {
            c.Add("$org", organisation);
            c.Add("$source", source);
        });
        foreach (var (key, body) in rows)
        {
            Execute(connection, transaction, $"INSERT OR REPLACE INTO {table} (org, source, {keyColumn}, body) VALUES ($org, $source, $key, $body)", c =>
            {
                c.Add("$org", organisation);
                c.Add("$source", source);
                c.Add("$key", key);
                c.Add("$body", body);
            });
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        command.ExecuteNonQuery();
    }

    private static List<Certificate> ReadCertificates(SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body FROM cert_certificates " + where;
        bind(command);
        return Bodies<Certificate>(command);
    }

    private List<T> ReadBodies<T>(string sql, string organisation)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Add("$org", organisation);
        return Bodies<T>(command);
    }

    private static List<T> Bodies<T>(SqliteCommand command)
    {
        var items = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), QlrfJson.Options)!);
        }

        return items;
    }
}
