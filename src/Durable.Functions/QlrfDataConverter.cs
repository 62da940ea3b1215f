using System.Text.Json;
using Qlrf.Json;

namespace Qlrf.Durable.Functions;

/// <summary>
/// Durable's payloads (inputs, outputs, events, custom status) as our JSON: <see cref="QlrfJson.Options"/>, as the
/// embedded runtime writes them. Durable's default converter writes enums as numbers, which our readers refuse:
/// run on Durable's own worker, the first activity given a record with an enum failed (RolloutStatusChange.Status).
/// </summary>
public sealed class QlrfDataConverter : Microsoft.DurableTask.DataConverter
{
    public static readonly QlrfDataConverter Instance = new();

    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), QlrfJson.Options);

    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : JsonSerializer.Deserialize(data, targetType, QlrfJson.Options);
}
