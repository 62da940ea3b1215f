using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Column conversions (times are Unix milliseconds, enums snake_case text) and command helpers.</summary>
internal static class Sql
{
    public static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    public static SqliteCommand Add(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? StringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? Int32OrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static long? Int64OrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? Write(TaskFailureDetails? failure) => failure is null ? null : QlrfJson.Serialize(failure);

    public static TaskFailureDetails? ReadFailure(string? json) => json is null ? null : QlrfJson.Deserialize<TaskFailureDetails>(json);

    public static string Text(OrchestrationRuntimeStatus status) => EnumText<OrchestrationRuntimeStatus>.Of(status);

    public static string Text(MessageKind kind) => EnumText<MessageKind>.Of(kind);

    public static string Text(HistoryEventKind kind) => EnumText<HistoryEventKind>.Of(kind);

    /// <summary>The SQL list of the live statuses (Pending, Running, Suspended).</summary>
    public static readonly string LiveStatuses = string.Join(", ", new[]
    {
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
    }.Select(s => $"'{Text(s)}'"));
}

/// <summary>
/// The commands of a write transaction. Each is prepared once on the store's one writer connection and reused,
/// by every row of a batch and by every later transaction (writes never overlap, so the cache needs no lock).
/// </summary>
internal sealed class Statements(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> commands)
{

    /// <summary>The command for <paramref name="text"/>, its parameters cleared for this use.</summary>
    public SqliteCommand Get(string text)
    {
        if (commands.TryGetValue(text, out var command) && command.Connection == connection)
        {
            command.Transaction = transaction;
            command.Parameters.Clear();
            return command;
        }

        command = Sql.Command(connection, transaction, text);
        commands[text] = command;
        return command;
    }

    public int Execute(string text, params (string Name, object? Value)[] parameters)
    {
        var command = Get(text);
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        return command.ExecuteNonQuery();
    }

}
