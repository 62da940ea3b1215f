using System.Buffers;
using System.Text;
using System.Text.Json;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// A step's history events as stored: one JSON array per step (the unit that is appended atomically), each event
/// an object with short keys: <c>k</c> kind, <c>t</c> task id, <c>n</c> name, <c>g</c> target, <c>d</c> data,
/// <c>f</c> failure, <c>fa</c> fire time and <c>at</c> timestamp (Unix ms).
/// </summary>
internal static class HistoryCodec
{
    public static string Write(IReadOnlyList<HistoryEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("k", EnumText<HistoryEventKind>.Of(e.Kind));
                if (e.TaskId >= 0)
                {
                    writer.WriteNumber("t", e.TaskId);
                }

                WriteIfSet(writer, "n", e.Name);
                WriteIfSet(writer, "g", e.Target);
                WriteIfSet(writer, "d", e.Data);
                WriteIfSet(writer, "f", Sql.Write(e.Failure));
                if (e.FireAt is { } fireAt)
                {
                    writer.WriteNumber("fa", Sql.Ms(fireAt));
                }

                writer.WriteNumber("at", Sql.Ms(e.Timestamp));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Read(string json, List<HistoryEvent> into)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var e in document.RootElement.EnumerateArray())
        {
            into.Add(new HistoryEvent(EnumText<HistoryEventKind>.Parse(e.GetProperty("k").GetString()!), Sql.Time(e.GetProperty("at").GetInt64()))
            {
                TaskId = e.TryGetProperty("t", out var t) ? t.GetInt32() : -1,
                Name = e.TryGetProperty("n", out var n) ? n.GetString() : null,
                Target = e.TryGetProperty("g", out var g) ? g.GetString() : null,
                Data = e.TryGetProperty("d", out var d) ? d.GetString() : null,
                Failure = e.TryGetProperty("f", out var f) ? Sql.ReadFailure(f.GetString()) : null,
                FireAt = e.TryGetProperty("fa", out var fa) ? Sql.Time(fa.GetInt64()) : null,
            });
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
