using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// A small typed client of the Kubernetes API (KubernetesClient cannot be restored here): chunked lists of
/// apps/v1 workloads with <c>limit</c> and <c>continue</c>, authenticated by bearer token or client certificate.
/// </summary>
internal sealed class KubernetesApiClient(ResilientHttpClient http, ClusterConnection connection, string cluster)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="resource"><c>deployments</c>, <c>statefulsets</c> or <c>daemonsets</c>.</param>
    /// <param name="ns">A namespace, or null for all.</param>
    public Task<WorkloadList> ListAsync(string resource, string? ns, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var path = ns is null ? $"apis/apps/v1/{resource}" : $"apis/apps/v1/namespaces/{Uri.EscapeDataString(ns)}/{resource}";
        var query = $"?limit={limit.ToString(CultureInfo.InvariantCulture)}" + (continueToken is null ? string.Empty : "&continue=" + Uri.EscapeDataString(continueToken));
        var uri = new Uri(connection.Server.AbsoluteUri.TrimEnd('/') + "/" + path + query);
        return http.SendAsync(
            $"list {resource} {cluster}",
            async token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (await connection.TokenAsync(token) is { } bearer)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                return request;
            },
            async (response, token) =>
            {
                await using var stream = await response.Content.ReadAsStreamAsync(token);
                var list = await JsonSerializer.DeserializeAsync<WorkloadList>(stream, Json, token)
                    ?? throw new FormatException("the answer is empty.");
                return list.Items is null || list.Items.Any(i => i.Metadata?.Name is null)
                    ? throw new FormatException("the list has no items, or an item has no metadata.name.")
                    : list;
            },
            cancellationToken);
    }

    /// <summary>A Kubernetes Status answer as its message.</summary>
    public static string DescribeError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
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
