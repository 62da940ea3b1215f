using Qlrf.Execution;

namespace Qlrf.Store.Sqlite;

/// <summary>The sandbox DR simulator's state on the embedded store.</summary>
public sealed class SqliteSandboxDrStateStore(SqliteDatabase database) : ISandboxDrStateStore
{
    public Task<string?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM sandbox_dr_state WHERE org = $org AND pair_id = $pair";
        command.Add("$org", organisation);
        command.Add("$pair", pairId);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task SaveAsync(string organisation, string pairId, string document, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sandbox_dr_state (org, pair_id, body) VALUES ($org, $pair, $body)
                ON CONFLICT (org, pair_id) DO UPDATE SET body = excluded.body
                """;
            command.Add("$org", organisation);
            command.Add("$pair", pairId);
            command.Add("$body", document);
            command.ExecuteNonQuery();
        }, cancellationToken);
}
