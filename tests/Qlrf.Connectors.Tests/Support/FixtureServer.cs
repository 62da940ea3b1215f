using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Tests.Support;

/// <summary>
/// A platform API on a loopback port: answers each request with the first rule that matches it, from
/// recorded fixture files, and records every request for the test to check. A rule given several answers
/// gives them in turn and then repeats its last.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<Rule> rules = [];
    private readonly Lock gate = new();

    private FixtureServer(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FixtureServer> StartAsync(Action<KestrelServerOptions>? kestrel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o =>
        {
            if (kestrel is null)
            {
                o.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel(o);
            }
        });
        var app = builder.Build();
        var server = new FixtureServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    /// <summary>Answers requests that <paramref name="match"/> accepts with <paramref name="answers"/> in turn.</summary>
    public FixtureServer On(Func<RecordedRequest, bool> match, params Answer[] answers)
    {
        lock (gate)
        {
            rules.Add(new Rule(match, new Queue<Answer>(answers)));
        }

        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body);
        Requests.Enqueue(request);
        Answer? answer = null;
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (rule.Match(request))
                {
                    answer = rule.Answers.Count > 1 ? rule.Answers.Dequeue() : rule.Answers.Peek();
                    break;
                }
            }
        }

        if (answer is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync($"no fixture for {request.Method} {request.Path}{request.Query}");
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body.Replace("{{base}}", BaseUrl, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record Rule(Func<RecordedRequest, bool> Match, Queue<Answer> Answers);
}

/// <summary>A request the fixture server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>A parameter of the form body or the query string.</summary>
    public string? Parameter(string name)
    {
        foreach (var source in new[] { Body, Query.TrimStart('?') })
        {
            foreach (var pair in source.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var at = pair.IndexOf('=');
                if (at > 0 && Uri.UnescapeDataString(pair[..at]) == name)
                {
                    return Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
                }
            }
        }

        return null;
    }
}

/// <summary>An answer of the fixture server.</summary>
public sealed record Answer(int Status, string Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public static Answer Fixture(string path, int status = 200, params (string Name, string Value)[] headers) =>
        new(status, Fixtures.Read(path), ContentTypeOf(path), headers.ToDictionary(h => h.Name, h => h.Value));

    public static Answer Text(string body, int status = 200, string contentType = "text/plain") =>
        new(status, body, contentType, new Dictionary<string, string>());

    private static string ContentTypeOf(string path) =>
        path.EndsWith(".xml", StringComparison.Ordinal) ? "text/xml;charset=UTF-8" : "application/json; charset=utf-8";
}
