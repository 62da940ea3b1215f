using System.Text.Json;
using Qlrf.Json;
using Qlrf.Rollouts;

namespace Qlrf.Store.Sqlite;

/// <summary>Policy exceptions, one row per organisation and target.</summary>
public sealed partial class SqliteRolloutStore
{
    public async Task<PolicyExceptionGrant> GrantExceptionAsync(PolicyExceptionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO rollout_policy_exceptions (org, target, body) VALUES ($org, $target, $body)
                ON CONFLICT (org, target) DO UPDATE SET body = excluded.body
                """;
            command.Add("$org", grant.Organisation);
            command.Add("$target", grant.Target);
            command.Add("$body", JsonSerializer.Serialize(grant, QlrfJson.Options));
            command.ExecuteNonQuery();
        }, cancellationToken);
        return grant;
    }

    public Task<bool> RevokeExceptionAsync(string organisation, string target, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM rollout_policy_exceptions WHERE org = $org AND target = $target";
            command.Add("$org", organisation);
            command.Add("$target", target);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<PolicyExceptionGrant>> ListExceptionsAsync(string organisation, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM rollout_policy_exceptions WHERE org = $org ORDER BY target";
        command.Add("$org", organisation);
        var grants = new List<PolicyExceptionGrant>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            grants.Add(JsonSerializer.Deserialize<PolicyExceptionGrant>(reader.GetString(0), QlrfJson.Options)!);
        }

        return Task.FromResult<IReadOnlyList<PolicyExceptionGrant>>(grants);
    }
}
