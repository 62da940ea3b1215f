using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Qlrf.Durable;

/// <summary>
/// Rows for a batch statement, as one JSON array of arrays. A statement reads them with <c>json_each</c>, so a
/// whole batch is one prepared statement run once, rather than one run per row.
/// </summary>
internal sealed class JsonRows : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly Utf8JsonWriter writer;
    private bool inRow;

    public JsonRows()
    {
        writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
    }

    public int Count { get; private set; }

    public JsonRows Row()
    {
        if (inRow)
        {
            writer.WriteEndArray();
        }

        writer.WriteStartArray();
        inRow = true;
        Count++;
        return this;
    }

    public JsonRows Add(string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }

        return this;
    }

    public JsonRows Add(long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }

        return this;
    }

    /// <summary>A single-column row.</summary>
    public JsonRows Value(long value)
    {
        writer.WriteNumberValue(value);
        Count++;
        return this;
    }

    /// <summary>A single-column row.</summary>
    public JsonRows Value(string value)
    {
        writer.WriteStringValue(value);
        Count++;
        return this;
    }

    public string Build()
    {
        if (inRow)
        {
            writer.WriteEndArray();
            inRow = false;
        }

        writer.WriteEndArray();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose() => writer.Dispose();
}
