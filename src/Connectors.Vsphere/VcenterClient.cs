using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Qlrf.Connectors.Vsphere;

/// <summary>
/// A small typed client of the vCenter REST API (<c>/api</c>, vSphere 7.0 U2 and later): a session opened
/// with basic authentication and carried in <c>vmware-api-session-id</c>, opened again once if it
/// expires, and closed at the end.
/// </summary>
internal sealed class VcenterClient(ResilientHttpClient http, Uri baseUri, string vcenter, Func<(string User, string Password)> credentials)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string? session;

    public async Task LoginAsync(CancellationToken cancellationToken)
    {
        session = await http.SendAsync(
            $"login {vcenter}",
            _ =>
            {
                var (user, password) = credentials();
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "api/session"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
                return ValueTask.FromResult(request);
            },
            async (response, token) => await response.Content.ReadFromJsonAsync<string>(Json, token) is { Length: > 0 } id
                ? id
                : throw new FormatException("the session answer holds no session id."),
            cancellationToken);
    }

    /// <summary>Closes the session; a failure to close is not an error of the sweep.</summary>
    public async Task LogoutAsync()
    {
        if (session is null)
        {
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(baseUri, "api/session"));
            request.Headers.Add("vmware-api-session-id", session);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var _ = await http.Http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The session expires on its own.
        }

        session = null;
    }

    public Task<List<DatacenterSummary>> DatacentersAsync(CancellationToken cancellationToken) =>
        GetAsync<List<DatacenterSummary>>("api/vcenter/datacenter", "datacenters", cancellationToken);

    public Task<List<HostSummary>> HostsAsync(string datacenter, CancellationToken cancellationToken) =>
        GetAsync<List<HostSummary>>($"api/vcenter/host?datacenters={Uri.EscapeDataString(datacenter)}", $"hosts of {datacenter}", cancellationToken);

    /// <param name="filter"><c>datacenters</c> or <c>hosts</c>.</param>
    public Task<List<VmSummary>> VmsAsync(string filter, string id, CancellationToken cancellationToken) =>
        GetAsync<List<VmSummary>>($"api/vcenter/vm?{filter}={Uri.EscapeDataString(id)}", $"VMs of {id}", cancellationToken);

    public Task<List<string>> LibrariesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<string>>("api/content/library", "content libraries", cancellationToken);

    public Task<List<string>> LibraryItemIdsAsync(string library, CancellationToken cancellationToken) =>
        GetAsync<List<string>>($"api/content/library/item?library_id={Uri.EscapeDataString(library)}", $"items of library {library}", cancellationToken);

    public Task<LibraryItem> LibraryItemAsync(string item, CancellationToken cancellationToken) =>
        GetAsync<LibraryItem>($"api/content/library/item/{Uri.EscapeDataString(item)}", $"library item {item}", cancellationToken);

    public Task<List<ObjectTags>> AttachedTagsAsync(IEnumerable<string> vms, CancellationToken cancellationToken) =>
        SendAsync<List<ObjectTags>>(
            HttpMethod.Post,
            "api/cis/tagging/tag-association?action=list-attached-tags-on-objects",
            new { object_ids = vms.Select(vm => new ObjectId("VirtualMachine", vm)).ToList() },
            "tags of VMs",
            cancellationToken);

    public Task<TagModel> TagAsync(string tag, CancellationToken cancellationToken) =>
        GetAsync<TagModel>($"api/cis/tagging/tag/{Uri.EscapeDataString(tag)}", $"tag {tag}", cancellationToken);

    public Task<CategoryModel> CategoryAsync(string category, CancellationToken cancellationToken) =>
        GetAsync<CategoryModel>($"api/cis/tagging/category/{Uri.EscapeDataString(category)}", $"tag category {category}", cancellationToken);

    private Task<T> GetAsync<T>(string relative, string what, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, relative, null, what, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string relative, object? body, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOnceAsync<T>(method, relative, body, what, cancellationToken);
        }
        catch (ConnectorHttpException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            // The session expired (idle timeout or a vCenter restart): open another once.
            await LoginAsync(cancellationToken);
            return await SendOnceAsync<T>(method, relative, body, what, cancellationToken);
        }
    }

    private Task<T> SendOnceAsync<T>(HttpMethod method, string relative, object? body, string what, CancellationToken cancellationToken) =>
        http.SendAsync(
            $"{what} {vcenter}",
            _ =>
            {
                var request = new HttpRequestMessage(method, new Uri(baseUri, relative));
                request.Headers.Add("vmware-api-session-id", session ?? throw new InvalidOperationException("Log in before calling vCenter."));
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, options: Json);
                }

                return ValueTask.FromResult(request);
            },
            async (response, token) => await response.Content.ReadFromJsonAsync<T>(Json, token) ?? throw new FormatException("the answer is empty."),
            cancellationToken);

    /// <summary>vCenter's <c>too_many_matches</c> (more than the list limit of VMs) must be answered with narrower filters, not retried.</summary>
    public static bool IsTooManyMatches(HttpStatusCode status, string body) =>
        body.Contains("com.vmware.api.vcenter.vm.too_many_matches", StringComparison.Ordinal);

    /// <summary>A vAPI error as "ERROR_TYPE: message (message id)".</summary>
    public static string DescribeError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_type", out var type))
            {
                var first = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                    ? messages[0]
                    : default;
                var message = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("default_message", out var m) ? m.GetString() : null;
                var id = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("id", out var i) ? $" ({i.GetString()})" : string.Empty;
                return $"{type.GetString()}: {message}{id}".TrimEnd(' ', ':');
            }
        }
        catch (JsonException)
        {
        }

        return ResilientHttpClient.Collapse(body);
    }
}
