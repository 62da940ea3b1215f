using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Teams;
using Qlrf.Notifications;

namespace Qlrf.Channels.Delivery;

/// <summary>
/// Posts Adaptive Cards to a Teams conversation as the bot, through the Bot Connector API
/// (<c>POST {serviceUrl}/v3/conversations/{id}/activities</c>, and <c>PUT .../activities/{activityId}</c> to
/// replace an approval card with its outcome), with a client-credentials token cached until it expires.
/// </summary>
public sealed class TeamsSender(IHttpClientFactory http, IOptions<NotificationOptions> options, TimeProvider time) : INotificationSender, IDisposable
{
    public const string Name = "teams";

    private readonly SemaphoreSlim tokenGate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? token;

    private TeamsOptions Settings => options.Value.Teams;

    public string Channel => Name;

    public bool Enabled => Settings.Enabled;

    public async Task<string?> SendAsync(Notification notification, string? replaceRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var card = notification switch
        {
            { Approval: { } view, Event: NotificationEvent.AwaitingApproval } => TeamsApprovalCard.Request(view),
            { Approval: { } view } => TeamsApprovalCard.Outcome(view, notification.Text),
            _ => new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = notification.Text, ["wrap"] = true } },
            },
        };
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = TeamsApprovalCard.ContentType, ["content"] = card } },
        };
        var conversation = new Uri(Settings.ServiceUrl!, $"v3/conversations/{Uri.EscapeDataString(Settings.ConversationId!)}/activities");
        using var request = replaceRef is null
            ? new HttpRequestMessage(HttpMethod.Post, conversation)
            : new HttpRequestMessage(HttpMethod.Put, new Uri(conversation + "/" + Uri.EscapeDataString(replaceRef)));
        request.Content = JsonContent.Create(activity);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        using var client = http.CreateClient(Name);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The Bot Connector answered {(int)response.StatusCode}.");
        }

        if (replaceRef is not null)
        {
            return replaceRef;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    public void Dispose() => tokenGate.Dispose();

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (token is { } cached && cached.ExpiresAt > time.GetUtcNow().AddMinutes(5))
            {
                return cached.Token;
            }

            using var client = http.CreateClient(Name);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = Settings.AppId!,
                ["client_secret"] = Settings.AppPassword!,
                ["scope"] = "https://api.botframework.com/.default",
            });
            using var response = await client.PostAsync(Settings.TokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The bot's token request answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var value = body.GetProperty("access_token").GetString()!;
            var lifetime = body.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
            token = (value, time.GetUtcNow().AddSeconds(lifetime));
            return value;
        }
        finally
        {
            tokenGate.Release();
        }
    }
}
