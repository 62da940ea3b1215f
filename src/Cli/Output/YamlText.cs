using System.Text.Json;
using YamlDotNet.Serialization;

namespace Qlrf.Cli.Output;

/// <summary>JSON answers written as YAML (the same tree: objects, arrays and scalars).</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().Build();

    public static string Of(JsonElement element) => Serializer.Serialize(Plain(element));

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
