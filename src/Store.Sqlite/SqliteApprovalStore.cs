using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Approvals;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>Approvals on the embedded store.</summary>
public sealed class SqliteApprovalStore(SqliteDatabase database, TimeProvider time) : IApprovalStore
{
    public async Task<Approval> CreateAsync(Approval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var created = approval with { ETag = 1 };
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR IGNORE INTO approvals (org, id, subject, status, body, etag, created_at)
                VALUES ($org, $id, $subject, $status, $body, 1, $at)
                """;
            command.Add("$org", created.Organisation);
            command.Add("$id", created.Id);
            command.Add("$subject", created.Subject);
            command.Add("$status", EnumText<ApprovalStatus>.Of(created.Status));
            command.Add("$body", JsonSerializer.Serialize(created, QlrfJson.Options));
            command.Add("$at", SqliteValues.ToUnixMs(created.CreatedAt));
            command.ExecuteNonQuery();
        }, cancellationToken);
        return (await GetAsync(approval.Organisation, approval.Id, cancellationToken))!;
    }

    public Task<Approval?> GetAsync(string organisation, string approvalId, CancellationToken cancellationToken) =>
        Task.FromResult(Read("SELECT body, etag FROM approvals WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", approvalId);
        }).FirstOrDefault());

    public Task<Approval?> ReplaceAsync(Approval approval, long expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var next = approval with { ETag = expectedETag + 1 };
        return database.WriteAsync<Approval?>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE approvals SET status = $status, body = $body, etag = $next WHERE org = $org AND id = $id AND etag = $expected";
            command.Add("$status", EnumText<ApprovalStatus>.Of(next.Status));
            command.Add("$body", JsonSerializer.Serialize(next, QlrfJson.Options));
            command.Add("$next", next.ETag);
            command.Add("$org", next.Organisation);
            command.Add("$id", next.Id);
            command.Add("$expected", expectedETag);
            return command.ExecuteNonQuery() == 1 ? next : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Approval>> ListBySubjectAsync(string organisation, string subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Approval>>(Read("SELECT body, etag FROM approvals WHERE org = $org AND subject = $subject ORDER BY created_at, id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$subject", subject);
        }));

    public Task<bool> SpendLinkNonceAsync(string organisation, string nonce, string approvalId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO approval_link_nonces (org, nonce, approval_id, spent_at) VALUES ($org, $nonce, $id, $at)";
            command.Add("$org", organisation);
            command.Add("$nonce", nonce);
            command.Add("$id", approvalId);
            command.Add("$at", SqliteValues.ToUnixMs(time.GetUtcNow()));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private List<Approval> Read(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var approvals = new List<Approval>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            approvals.Add(JsonSerializer.Deserialize<Approval>(reader.GetString(0), QlrfJson.Options)! with { ETag = reader.GetInt64(1) });
        }

        return approvals;
    }
}
