using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qlrf.Execution;

namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>
/// The Compute Engine REST calls the executor makes: reads of instances, disks, images, operations, instance templates and
/// managed instance groups, and the methods that start operations (each with a <c>requestId</c>, so Compute answers a retried call with the
/// operation it already started). Any failure is an <see cref="ExecutorException"/> naming the asset and the call.
/// </summary>
internal sealed class GcpComputeCalls(ResilientHttpClient http, Uri endpoint, GcpCredentialSource credentials)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<GceInstanceState> InstanceAsync(string assetId, GcpInstanceId id, CancellationToken cancellationToken) =>
        RunAsync(assetId, "instances.get", HttpMethod.Get, id.Path, null, Read<GceInstanceState>, cancellationToken);

    /// <summary>A disk by its path or URL; null when it does not exist.</summary>
    public Task<GceDiskState?> DiskAsync(string assetId, string disk, CancellationToken cancellationToken) =>
        OrNullAsync(() => RunAsync(assetId, "disks.get", HttpMethod.Get, PathOf(disk), null, Read<GceDiskState>, cancellationToken));

    /// <summary>An image by its path or URL; null when it does not exist or is not readable.</summary>
    public Task<GceImageSize?> ImageAsync(string assetId, string image, CancellationToken cancellationToken) =>
        OrNullAsync(() => RunAsync(assetId, "images.get", HttpMethod.Get, PathOf(image), null, Read<GceImageSize>, cancellationToken));

    public Task<GceOperation> OperationAsync(string assetId, GcpInstanceId id, string operation, CancellationToken cancellationToken) =>
        RunAsync(assetId, "zoneOperations.get", HttpMethod.Get, $"projects/{id.Project}/zones/{id.Zone}/operations/{Uri.EscapeDataString(operation)}", null, Read<GceOperation>, cancellationToken);

    /// <summary>An operation by its self-link (zonal, regional or global).</summary>
    public Task<GceOperation> OperationAtAsync(string assetId, string selfLink, CancellationToken cancellationToken) =>
        RunAsync(assetId, "operations.get", HttpMethod.Get, PathOf(selfLink), null, Read<GceOperation>, cancellationToken);

    /// <summary>A managed instance group by its path (an instance's <c>created-by</c>).</summary>
    public Task<GceManager> ManagerAsync(string assetId, string manager, CancellationToken cancellationToken) =>
        RunAsync(assetId, "instanceGroupManagers.get", HttpMethod.Get, PathOf(manager), null, Read<GceManager>, cancellationToken);

    /// <summary>An instance template as Compute returns it (copied whole into a new template); null when it does not exist.</summary>
    public Task<JsonObject?> TemplateAsync(string assetId, string template, CancellationToken cancellationToken) =>
        OrNullAsync(() => RunAsync(assetId, "instanceTemplates.get", HttpMethod.Get, PathOf(template), null, Read<JsonObject>, cancellationToken));

    /// <summary>A page of the group's instances with what the group is doing to each.</summary>
    public Task<GceManagedInstances> ManagedInstancesAsync(string assetId, string manager, string? pageToken, CancellationToken cancellationToken) =>
        RunAsync(
            assetId,
            "instanceGroupManagers.listManagedInstances",
            HttpMethod.Post,
            PathOf(manager) + "/listManagedInstances?maxResults=500" + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken)),
            null,
            Read<GceManagedInstances>,
            cancellationToken);

    /// <summary>Starts an operation: <c>POST {path}?requestId=...</c> (or another method) with an optional JSON body.</summary>
    public Task<GceOperation> StartAsync(string assetId, string call, string path, JsonObject? body, string requestId, CancellationToken cancellationToken, HttpMethod? method = null) =>
        RunAsync(
            assetId,
            call,
            method ?? HttpMethod.Post,
            path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "requestId=" + Uri.EscapeDataString(requestId),
            body,
            Read<GceOperation>,
            cancellationToken);

    /// <summary>A resource URL from its <c>projects/</c> segment on (Compute's self-links carry the API base).</summary>
    public static string PathOf(string url) => url.IndexOf("projects/", StringComparison.Ordinal) is var at and >= 0 ? url[at..] : url;

    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (ExecutorException ex) when (ex.InnerException is ConnectorHttpException { Status: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken) ?? throw new FormatException("the answer is empty.");
    }

    private async Task<T> RunAsync<T>(
        string assetId,
        string call,
        HttpMethod method,
        string relative,
        JsonObject? body,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(
                $"{call} {relative}",
                async token =>
                {
                    var request = new HttpRequestMessage(method, new Uri(endpoint, relative));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await credentials.AccessTokenAsync(token));
                    if (method != HttpMethod.Get)
                    {
                        request.Content = JsonContent.Create(body ?? [], options: Json);
                    }

                    return request;
                },
                read,
                cancellationToken);
        }
        catch (ConnectorException ex)
        {
            throw new ExecutorException($"Compute Engine {call} for '{assetId}' failed: {ex.Message}", ex);
        }
    }
}
