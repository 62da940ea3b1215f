using System.Text;
using System.Text.Json;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>
/// A record stored as JSON (our conventions) in a row, split over <c>Json</c>, <c>Json1</c>, ... properties of at most
/// 32,000 characters each, since a string property holds at most 64 KiB; a row holds at most 1 MiB in all.
/// </summary>
public static class JsonColumns
{
    public const int ChunkLength = 32_000;

    /// <summary>The largest JSON a row takes, in characters, leaving room for the row's other properties.</summary>
    public const int MaxLength = 15 * ChunkLength;

    private const string Name = "Json";

    public static void Write<T>(TableRow row, T value) => WriteText(row, JsonSerializer.Serialize(value, QlrfJson.Options), typeof(T).Name);

    /// <summary>Writes JSON already serialised (a document the caller owns) the same way.</summary>
    public static void WriteText(TableRow row, string json, string what = "document")
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new InvalidOperationException($"A {what} of {json.Length} characters does not fit a table row ({MaxLength} at most).");
        }

        foreach (var stale in row.Properties.Keys.Where(k => k.StartsWith(Name, StringComparison.Ordinal)).ToList())
        {
            row.Properties.Remove(stale);
        }

        for (int i = 0, offset = 0; offset < json.Length || i == 0; i++, offset += ChunkLength)
        {
            row[i == 0 ? Name : Name + i] = json.Substring(offset, Math.Min(ChunkLength, json.Length - offset));
        }
    }

    public static T Read<T>(TableRow row) =>
        JsonSerializer.Deserialize<T>(ReadText(row), QlrfJson.Options)
            ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} holds no {typeof(T).Name}.");

    /// <summary>The JSON as written, joined from its chunks.</summary>
    public static string ReadText(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var json = new StringBuilder(row.Text(Name));
        for (var i = 1; row.GetString(Name + i) is { } chunk; i++)
        {
            json.Append(chunk);
        }

        return json.ToString();
    }
}
