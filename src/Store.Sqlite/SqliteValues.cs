using Microsoft.Data.Sqlite;

namespace Qlrf.Store.Sqlite;

/// <summary>Conversions between our values and SQLite columns: times are Unix milliseconds.</summary>
internal static class SqliteValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static object DbValue(object? value) => value ?? DBNull.Value;

    public static object DbTime(DateTimeOffset? value) => value is { } v ? ToUnixMs(v) : DBNull.Value;

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => FromUnixMs(reader.GetInt64(ordinal));

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static SqliteParameter Add(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, DbValue(value));
}
