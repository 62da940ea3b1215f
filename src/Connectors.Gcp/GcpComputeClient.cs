using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Qlrf.Connectors.Gcp;

/// <summary>
/// A small typed client of the Compute Engine REST API (Google.Cloud.Compute.V1 cannot be restored here):
/// instances and disks through aggregatedList with <c>pageToken</c> paging and partial success, and
/// images by path. Authenticated by Google.Apis.Auth.
/// </summary>
internal sealed class GcpComputeClient(ResilientHttpClient http, Uri endpoint, GcpCredentialSource credentials)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<AggregatedList<InstancesScopedList>> InstancesAsync(string project, string? pageToken, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<AggregatedList<InstancesScopedList>>($"aggregated/instances {project}", Aggregated(project, "instances", pageToken, pageSize), Check, cancellationToken);

    public Task<AggregatedList<DisksScopedList>> DisksAsync(string project, string? pageToken, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<AggregatedList<DisksScopedList>>($"aggregated/disks {project}", Aggregated(project, "disks", pageToken, pageSize), Check, cancellationToken);

    /// <summary>An image by its path (<c>projects/debian-cloud/global/images/debian-12-bookworm-v20240110</c>); null when gone or not readable.</summary>
    public async Task<GceImage?> ImageAsync(string imagePath, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<GceImage>($"images.get {imagePath}", imagePath, i => i.Name is null ? throw new FormatException("the image has no name.") : i, cancellationToken);
        }
        catch (ConnectorHttpException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    private static string Aggregated(string project, string collection, string? pageToken, int pageSize) =>
        $"projects/{Uri.EscapeDataString(project)}/aggregated/{collection}?maxResults={pageSize.ToString(CultureInfo.InvariantCulture)}&returnPartialSuccess=true"
        + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken));

    private static AggregatedList<T> Check<T>(AggregatedList<T> list) =>
        list.Items is null && list.NextPageToken is null && list.Unreachables is null
            ? throw new FormatException("the answer has neither items, nextPageToken nor unreachables.")
            : list;

    private Task<T> GetAsync<T>(string operation, string relative, Func<T, T> check, CancellationToken cancellationToken) =>
        http.SendAsync(
            operation,
            async token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await credentials.AccessTokenAsync(token));
                return request;
            },
            async (response, token) =>
            {
                await using var stream = await response.Content.ReadAsStreamAsync(token);
                return check(await JsonSerializer.DeserializeAsync<T>(stream, Json, token) ?? throw new FormatException("the answer is empty."));
            },
            cancellationToken);

    /// <summary>Google APIs throttle with 429, and with 403 whose reason is rateLimitExceeded or userRateLimitExceeded.</summary>
    public static bool IsThrottled(HttpStatusCode status, string body) =>
        status == HttpStatusCode.Forbidden && (body.Contains("\"rateLimitExceeded\"", StringComparison.Ordinal) || body.Contains("\"userRateLimitExceeded\"", StringComparison.Ordinal));

    /// <summary>A Google API error as "STATUS: message".</summary>
    public static string DescribeError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() + ": " : string.Empty;
                return status + (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return ResilientHttpClient.Collapse(body);
    }
}
