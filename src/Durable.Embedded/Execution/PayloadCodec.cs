using System.Text;
using System.Text.Json;
using Qlrf.Json;

namespace Qlrf.Durable;

/// <summary>Payloads as JSON (QL-RF's conventions), held to the configured size cap.</summary>
internal sealed class PayloadCodec(int maxBytes)
{
    public int MaxBytes { get; } = maxBytes;

    /// <summary>Serializes a value; null stays null. Throws <see cref="PayloadTooLargeException"/> over the cap.</summary>
    public string? Serialize(object? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(value, value.GetType(), QlrfJson.Options);
        Check(json, what);
        return json;
    }

    public void Check(string? json, string what)
    {
        if (json is null || json.Length * 3 <= MaxBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxBytes)
        {
            throw new PayloadTooLargeException(what, bytes, MaxBytes);
        }
    }

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, QlrfJson.Options);

    public static object? Deserialize(string? json, Type type) =>
        json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, QlrfJson.Options);
}
