using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;

namespace Qlrf.IntegrationTests.Support;

/// <summary>An answer as a test reads it.</summary>
public sealed record Reply(HttpStatusCode Status, ProblemDto? Problem, string Body, HttpResponseMessage Response)
{
    public T Json<T>() => JsonSerializer.Deserialize<T>(Body, QlrfHost.Json)!;
}

/// <summary>Requests with any client, and the route table of a host.</summary>
public static class Calls
{
    public static async Task<Reply> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : HostApi.JsonContent(json) };
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonSerializer.Deserialize<ProblemDto>(body, QlrfHost.Json)
            : null;
        return new Reply(response.StatusCode, problem, body, response);
    }

    public static Task<Reply> FetchAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);

    /// <summary>Every route of the host: its methods, pattern and declared access.</summary>
    public static IReadOnlyList<RouteInfo> Routes(this QlrfHost host) =>
        host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new RouteInfo(
                m,
                e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<RequiresPermission>(),
                e.Metadata.GetMetadata<PublicEndpoint>() is not null,
                e.Metadata.GetMetadata<SelfAuthenticated>() is not null)))
            .ToList();
}

/// <summary>One method of one route.</summary>
/// <param name="IsSelfAuthenticated">The endpoint authenticates callers itself (a chat callback, a signed link).</param>
public sealed record RouteInfo(string Method, string Pattern, RequiresPermission? Requires, bool IsPublic, bool IsSelfAuthenticated)
{
    public bool Mutating => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>The path with each route parameter filled in (by <paramref name="value"/>, or <c>x</c>).</summary>
    public string Path(Func<string, string?>? value = null) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(Pattern, "{\\*{0,2}([^}:?]+)[^}]*}", m => Uri.EscapeDataString(value?.Invoke(m.Groups[1].Value) ?? "x"));

    /// <summary>A body for a mutating call; the permission is checked before it is read.</summary>
    public string? Body => Mutating ? "{}" : null;

    public override string ToString() => $"{Method} /{Pattern}";
}
