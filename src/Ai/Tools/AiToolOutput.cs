using System.Text.Json;
using System.Text.Json.Nodes;
using Qlrf.Json;

namespace Qlrf.Ai.Tools;

/// <summary>What a tool returned: a one-line summary and a JSON document, bounded in size before it is kept or shown to a model.</summary>
public sealed record AiToolOutput(string Summary, JsonNode? Data)
{
    public static AiToolOutput Of(string summary, object data) =>
        new(summary, JsonSerializer.SerializeToNode(data, QlrfJson.Options));

    /// <summary>The JSON text, cut to <paramref name="maxChars"/>: a longer document becomes {truncated, prefix}.</summary>
    public string Bounded(int maxChars)
    {
        var text = Data?.ToJsonString(QlrfJson.Options) ?? "null";
        if (text.Length <= maxChars)
        {
            return text;
        }

        var prefix = text[..Math.Max(0, maxChars - 64)];
        return new JsonObject { ["truncated"] = true, ["length"] = text.Length, ["prefix"] = prefix }.ToJsonString(QlrfJson.Options);
    }
}
