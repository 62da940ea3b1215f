using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Qlrf.Cli.Api;

/// <summary>
/// The CLI's only way to the server: HTTP calls to <c>/api/v1</c> with the API key as a bearer token. Each request
/// carries a W3C <c>traceparent</c> the CLI makes, so its id is the one the server logs and puts in ProblemDetails'
/// <c>traceId</c>; <c>--verbose</c> shows it for every call.
/// </summary>
public sealed class ApiClient(HttpClient http, Uri baseUrl, string? apiKey, TextWriter? verbose) : IDisposable
{
    public Uri BaseUrl { get; } = baseUrl;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body ?? new { }, cancellationToken);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = Request(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, CliJson.Options), Encoding.UTF8, "application/json");
        }

        using var response = await SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>A text answer (CSV, Markdown) as it is.</summary>
    public async Task<string> GetTextAsync(string path, string accept, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Copies an answer's body to <paramref name="destination"/> as it streams in.</summary>
    public async Task CopyToAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>Uploads a file as the body, reporting the bytes sent.</summary>
    public async Task<JsonElement> UploadAsync(string path, Stream file, string mediaType, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path);
        request.Content = new ProgressContent(file, progress);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public void Dispose() => http.Dispose();

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUrl, path.TrimStart('/')));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("qlrf-cli", typeof(ApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var traceparent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        verbose?.WriteLine($"> {request.Method} {request.RequestUri} (request id {traceparent})");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Failed, $"Cannot reach the QL-RF API at {BaseUrl}: {e.Message}", "Is the host running (`dotnet run --project src/Host`)? Give another URL with --url or `qlrf login --url`.");
        }

        verbose?.WriteLine($"< {(int)response.StatusCode} {response.ReasonPhrase} (request id {traceparent})");
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemAsync(response, traceparent, cancellationToken);
        }
    }

    private static async Task<ApiProblemException> ProblemAsync(HttpResponseMessage response, string traceparent, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        var requestId = traceparent;
        var errors = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = JsonSerializer.Deserialize<JsonElement>(text);
                title = Text(problem, "title") ?? title;
                detail = Text(problem, "detail");
                requestId = Text(problem, "traceId") ?? requestId;
                if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors.AddRange(field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}"));
                    }
                }
            }
            catch (JsonException)
            {
                detail = text;
            }
        }
        else if (text.Length > 0)
        {
            detail = text.Length > 500 ? text[..500] : text;
        }

        return new ApiProblemException(response.StatusCode, title, detail, requestId, errors);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A file body that reports how much of it has gone.</summary>
    private sealed class ProgressContent(Stream file, IProgress<long>? progress) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[81920];
            long sent = 0;
            int read;
            while ((read = await file.ReadAsync(buffer)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read));
                sent += read;
                progress?.Report(sent);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = file.CanSeek ? file.Length : -1;
            return file.CanSeek;
        }
    }
}
