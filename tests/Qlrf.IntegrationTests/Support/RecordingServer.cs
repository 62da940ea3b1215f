using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// A real HTTP server on a loopback port that answers 200 <c>{}</c> and records every request: it stands
/// in for Slack's response URLs and for a webhook receiver.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private RecordingServer(WebApplication app) => this.app = app;

    /// <summary>The server's address, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new RecordingServer(builder.Build());
        server.app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, await reader.ReadToEndAsync()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}");
        });
        await server.app.StartAsync();
        server.BaseAddress = new Uri(server.app.Urls.First() + "/");
        return server;
    }

    /// <summary>Waits for a request to a path (background deliveries), and returns it.</summary>
    public async Task<RecordedRequest> WaitForAsync(string path)
    {
        RecordedRequest? found = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((found = Requests.FirstOrDefault(r => r.Path == path)) is not null),
            TimeSpan.FromSeconds(30),
            $"a request to {path}");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Method, string Path, string Body);
