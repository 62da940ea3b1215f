using System.Text.Json;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Reads a Kubernetes <c>Status</c> error answer as "reason: message".</summary>
internal static class KubernetesStatus
{
    public static string Describe(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                var reason = document.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() + ": " : string.Empty;
                return reason + message.GetString();
            }
        }
        catch (JsonException)
        {
        }

        return ResilientHttpClient.Collapse(body);
    }
}
