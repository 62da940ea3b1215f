using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Webhooks;
using Qlrf.Json;
using Qlrf.Notifications;

namespace Qlrf.Channels.Delivery;

/// <summary>Posts each notification as JSON to the configured URL, signed with <see cref="WebhookSignature"/>.</summary>
public sealed class WebhookSender(IHttpClientFactory http, IOptions<NotificationOptions> options, TimeProvider time) : INotificationSender
{
    public const string Name = "webhook";

    public string Channel => Name;

    public bool Enabled => options.Value.Webhook.Enabled;

    public async Task<string?> SendAsync(Notification notification, string? replaceRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value.Webhook;
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookBody(notification.Id, notification.Organisation, notification.Event, notification.Subject, notification.Text, notification.Replaces, notification.Data, notification.CreatedAt), QlrfJson.Options);
        var (timestamp, signature) = WebhookSignature.Sign(settings.Secret!, body, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        using var client = http.CreateClient(Name);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : throw new HttpRequestException($"The webhook answered {(int)response.StatusCode}.");
    }

    private sealed record WebhookBody(string Id, string Organisation, NotificationEvent Event, string Subject, string Text, string? Replaces, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt);
}
