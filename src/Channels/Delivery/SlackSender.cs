using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Slack;
using Qlrf.Notifications;

namespace Qlrf.Channels.Delivery;

/// <summary>
/// Posts to Slack: with a bot token through <c>chat.postMessage</c> (and <c>chat.update</c> to replace an
/// approval's message with its outcome), or through an incoming webhook.
/// </summary>
public sealed class SlackSender(IHttpClientFactory http, IOptions<NotificationOptions> options) : INotificationSender
{
    public const string Name = "slack";

    private SlackOptions Settings => options.Value.Slack;

    public string Channel => Name;

    public bool Enabled => Settings.Enabled;

    public async Task<string?> SendAsync(Notification notification, string? replaceRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = Message(notification);
        using var client = http.CreateClient(Name);
        if (string.IsNullOrEmpty(Settings.BotToken))
        {
            using var hook = await client.PostAsJsonAsync(Settings.WebhookUrl, message, cancellationToken);
            if (!hook.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Slack webhook answered {(int)hook.StatusCode}.");
            }

            return null;
        }

        // A reference is "channel|ts" of the message to replace.
        var target = replaceRef?.Split('|', 2);
        var update = target is { Length: 2 };
        message["channel"] = update ? target![0] : Settings.Channel;
        if (update)
        {
            message["ts"] = target![1];
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Settings.ApiBaseUrl, update ? "chat.update" : "chat.postMessage"))
        {
            Content = JsonContent.Create(message),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Settings.BotToken);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode || !body.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e.GetString() : null;
            throw new HttpRequestException($"Slack answered {(int)response.StatusCode}: {error ?? "no error given"}.");
        }

        return $"{body.GetProperty("channel").GetString()}|{body.GetProperty("ts").GetString()}";
    }

    private static JsonObject Message(Notification notification) => notification switch
    {
        { Approval: { } view, Event: NotificationEvent.AwaitingApproval } => SlackApprovalMessage.Request(view),
        { Approval: { } view } => SlackApprovalMessage.Outcome(view, notification.Text),
        _ => new JsonObject { ["text"] = notification.Text },
    };
}
