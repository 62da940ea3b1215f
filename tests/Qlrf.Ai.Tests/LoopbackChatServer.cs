using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qlrf.Ai.Tests;

/// <summary>One scripted reply of the loopback server: a status, a JSON body and headers.</summary>
internal sealed record ScriptedReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedReply ToolCalls(int promptTokens, int completionTokens, params (string Id, string Name, string Arguments)[] calls) =>
        Completion(new
        {
            role = "assistant",
            content = (string?)null,
            tool_calls = calls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.Arguments } }).ToArray(),
        }, "tool_calls", promptTokens, completionTokens);

    public static ScriptedReply Text(int promptTokens, int completionTokens, string text) =>
        Completion(new { role = "assistant", content = text }, "stop", promptTokens, completionTokens);

    public static ScriptedReply Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type = "server_error", code = (string?)null } }), headers);

    private static ScriptedReply Completion(object message, string finish, int promptTokens, int completionTokens) =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            @object = "chat.completion",
            created = 1765000000,
            model = "gpt-4o",
            choices = new[] { new { index = 0, message, finish_reason = finish } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));
}

/// <summary>
/// A loopback server speaking the OpenAI chat-completions wire protocol (Azure OpenAI's paths too): it answers each
/// POST with the next scripted reply, and records each request's path, headers and body.
/// </summary>
internal sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedReply> script = new();

    private LoopbackChatServer(WebApplication app)
    {
        this.app = app;
    }

    public ConcurrentQueue<(string Path, string? ApiKey, string? Authorization, string Body)> Requests { get; } = new();

    public Uri Endpoint => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<LoopbackChatServer> StartAsync(params ScriptedReply[] replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new LoopbackChatServer(builder.Build());
        foreach (var reply in replies)
        {
            server.script.Enqueue(reply);
        }

        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["api-key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), body));
        var reply = script.TryDequeue(out var next) ? next : ScriptedReply.Error((int)HttpStatusCode.InternalServerError, "script exhausted");
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
