using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Dr;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteDrillStore
{
    private static DrillRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string drillId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body FROM dr_drills WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", drillId);
        return command.ExecuteScalar() is string body ? JsonSerializer.Deserialize<DrillRecord>(body, QlrfJson.Options) : null;
    }

    private static void Save(SqliteConnection connection, SqliteTransaction transaction, DrillRecord drill, bool finished) =>
        Execute(connection, transaction, "UPDATE dr_drills SET seq = $seq, finished = $finished, body = $body WHERE org = $org AND id = $id", c =>
        {
            c.Add("$seq", drill.Sequence);
            c.Add("$finished", finished ? 1 : 0);
            c.Add("$body", JsonSerializer.Serialize(drill, QlrfJson.Options));
            c.Add("$org", drill.Organisation);
            c.Add("$id", drill.Id);
        });

    /// <summary>Frees the pair if this drill holds it.</summary>
    private static void Free(SqliteConnection connection, SqliteTransaction transaction, DrillRecord drill) =>
        Execute(connection, transaction, "DELETE FROM dr_live_drills WHERE org = $org AND pair_id = $pair AND drill_id = $id", c =>
        {
            c.Add("$org", drill.Organisation);
            c.Add("$pair", drill.PairId);
            c.Add("$id", drill.Id);
        });

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        command.ExecuteNonQuery();
    }
}
