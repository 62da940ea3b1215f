using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Approvals;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Delivery;
using Qlrf.Channels.Links;
using Qlrf.Channels.Webhooks;
using Qlrf.Notifications;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Channels;

public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private readonly NotificationOptions options = new() { MaxAttempts = 3, RetryDelay = TimeSpan.FromSeconds(10) };
    private readonly ApprovalChannelsOptions approvals = new();
    private TempStore store = null!;
    private LoopbackServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        store = new TempStore(time);
        server = await LoopbackServer.StartAsync();
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
        store.Dispose();
    }

    private NotificationDispatcher Dispatcher()
    {
        var http = services.GetRequiredService<IHttpClientFactory>();
        var o = Options.Create(options);
        var links = new ApprovalLinkIssuer(Options.Create(approvals));
        return new NotificationDispatcher(store.Outbox, [new SlackSender(http, o), new TeamsSender(http, o, time), new WebhookSender(http, o, time)], o, links, time, NullLogger<NotificationDispatcher>.Instance);
    }

    private static readonly ApprovalView View = new("apr-1", "rollout", "ro-1", "ubuntu 2.0 to 12 assets", "Medium", 42, "alice", DateTimeOffset.UnixEpoch.AddDays(1), []);

    private Notification Note(string id, NotificationEvent e, string? replaces = null) => new()
    {
        Id = id,
        Organisation = "acme",
        Event = e,
        Subject = "ro-1",
        Text = e == NotificationEvent.Approved ? "Approved by bob" : "Approval needed",
        Approval = View,
        Replaces = replaces,
        CreatedAt = time.GetUtcNow(),
    };

    [Fact]
    public async Task Slack_posts_the_approval_then_replaces_it_with_the_outcome()
    {
        options.Slack = new SlackOptions { Enabled = true, BotToken = "xoxb-test", Channel = "C123", ApiBaseUrl = server.BaseAddress };
        server.Respond = r => (200, """{"ok":true,"channel":"C123","ts":"1700000000.000100"}""");
        var dispatcher = Dispatcher();

        await dispatcher.NotifyAsync(Note("ro-1:awaiting", NotificationEvent.AwaitingApproval), default);
        await dispatcher.NotifyAsync(Note("ro-1:approved", NotificationEvent.Approved, replaces: "ro-1:awaiting"), default);
        await dispatcher.DeliverDueAsync(default);
        time.Advance(options.RetryDelay);
        await dispatcher.DeliverDueAsync(default);

        var requests = server.Requests.ToArray();
        Assert.Equal(["/chat.postMessage", "/chat.update"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer xoxb-test", r.Headers["Authorization"]));
        Assert.Contains("qlrf_approve", requests[0].Body, StringComparison.Ordinal);
        using var update = JsonDocument.Parse(requests[1].Body);
        Assert.Equal(("C123", "1700000000.000100"), (update.RootElement.GetProperty("channel").GetString(), update.RootElement.GetProperty("ts").GetString()));
        Assert.All(await store.Outbox.ListAsync("acme", "ro-1", default), d => Assert.Equal(NotificationDeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_then_given_up_without_blocking_others()
    {
        options.Slack = new SlackOptions { Enabled = true, BotToken = "xoxb-test", Channel = "C1", ApiBaseUrl = server.BaseAddress };
        options.Webhook = new WebhookOptions { Enabled = true, Url = new Uri(server.BaseAddress, "hook"), Secret = "s" };
        server.Respond = r => r.Path == "/hook" ? (200, "{}") : (503, """{"ok":false,"error":"service_unavailable"}""");
        var dispatcher = Dispatcher();
        await dispatcher.NotifyAsync(Note("n1", NotificationEvent.AwaitingApproval), default);

        Assert.Equal(2, await dispatcher.DeliverDueAsync(default));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));

        var deliveries = (await store.Outbox.ListAsync("acme", "ro-1", default)).ToDictionary(d => d.Channel);
        Assert.Equal((NotificationDeliveryStatus.GaveUp, 3), (deliveries["slack"].Status, deliveries["slack"].Attempts));
        Assert.Contains("503", deliveries["slack"].LastError, StringComparison.Ordinal);
        Assert.Equal(NotificationDeliveryStatus.Delivered, deliveries["webhook"].Status);
    }

    [Fact]
    public async Task The_webhook_is_signed_over_timestamp_and_body()
    {
        options.Webhook = new WebhookOptions { Enabled = true, Url = new Uri(server.BaseAddress, "hook"), Secret = "whsec" };
        var dispatcher = Dispatcher();
        await dispatcher.NotifyAsync(Note("n1", NotificationEvent.AwaitingApproval) with { Data = new Dictionary<string, string> { ["wave"] = "1" } }, default);
        await dispatcher.DeliverDueAsync(default);

        var request = Assert.Single(server.Requests);
        var (timestamp, signature) = WebhookSignature.Sign("whsec", Encoding.UTF8.GetBytes(request.Body), time.GetUtcNow());
        Assert.Equal(timestamp, request.Headers[WebhookSignature.TimestampHeader]);
        Assert.Equal(signature, request.Headers[WebhookSignature.SignatureHeader]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("awaiting_approval", body.RootElement.GetProperty("event").GetString());
        Assert.Equal("1", body.RootElement.GetProperty("data").GetProperty("wave").GetString());
    }

    [Fact]
    public async Task An_approval_request_carries_each_recipients_signed_links_to_the_webhook()
    {
        options.Webhook = new WebhookOptions { Enabled = true, Url = new Uri(server.BaseAddress, "hook"), Secret = "whsec" };
        approvals.Links = new ApprovalLinkOptions
        {
            Enabled = true,
            SigningKey = Convert.ToBase64String(new byte[32]),
            PublicBaseUrl = new Uri("https://qlrf.example.test/base/"),
            Recipients = ["dave@acme.example", "erin@acme.example"],
        };
        var dispatcher = Dispatcher();
        await dispatcher.NotifyAsync(Note("n1", NotificationEvent.AwaitingApproval), default);
        await dispatcher.NotifyAsync(Note("n2", NotificationEvent.Approved), default);
        await dispatcher.DeliverDueAsync(default);

        var bodies = server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(b => b.GetProperty("id").GetString()!);
        var data = bodies["n1"].GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(
            ["approveUrl:dave@acme.example", "approveUrl:erin@acme.example", "rejectUrl:dave@acme.example", "rejectUrl:erin@acme.example"],
            data.Keys.Order(StringComparer.Ordinal));
        var issuer = new ApprovalLinkIssuer(Options.Create(approvals));
        var approve = data["approveUrl:dave@acme.example"];
        Assert.StartsWith("https://qlrf.example.test/base/api/v1/approvals/links/", approve, StringComparison.Ordinal);
        var link = issuer.Verify(approve[(approve.LastIndexOf('/') + 1)..], View.ExpiresAt.AddHours(-1), out _);
        Assert.Equal(("acme", "apr-1", ApprovalDecisionKind.Approve, "dave@acme.example", View.ExpiresAt), (link!.Organisation, link.ApprovalId, link.Decision, link.Recipient, link.ExpiresAt));
        Assert.Empty(bodies["n2"].GetProperty("data").EnumerateObject());
    }

    [Fact]
    public async Task Teams_gets_a_token_once_posts_the_card_and_replaces_it()
    {
        options.Teams = new TeamsOptions
        {
            Enabled = true,
            AppId = "app-id",
            AppPassword = "app-secret",
            ServiceUrl = server.BaseAddress,
            ConversationId = "19:abc@thread.tacv2",
            TokenEndpoint = new Uri(server.BaseAddress, "token"),
        };
        server.Respond = r => r.Path == "/token" ? (200, """{"access_token":"bot-token","expires_in":3600}""") : (200, """{"id":"activity-9"}""");
        var dispatcher = Dispatcher();

        await dispatcher.NotifyAsync(Note("ro-1:awaiting", NotificationEvent.AwaitingApproval), default);
        await dispatcher.DeliverDueAsync(default);
        await dispatcher.NotifyAsync(Note("ro-1:approved", NotificationEvent.Approved, replaces: "ro-1:awaiting"), default);
        await dispatcher.DeliverDueAsync(default);

        var requests = server.Requests.ToArray();
        Assert.Equal(
            [("POST", "/token"), ("POST", "/v3/conversations/19:abc@thread.tacv2/activities"), ("PUT", "/v3/conversations/19:abc@thread.tacv2/activities/activity-9")],
            requests.Select(r => (r.Method, r.Path)));
        Assert.Contains("client_secret=app-secret", requests[0].Body, StringComparison.Ordinal);
        Assert.Equal("Bearer bot-token", requests[1].Headers["Authorization"]);
        Assert.Contains("Action.Execute", requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("Approved by bob", requests[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueueing_twice_delivers_once()
    {
        options.Webhook = new WebhookOptions { Enabled = true, Url = new Uri(server.BaseAddress, "hook"), Secret = "s" };
        var dispatcher = Dispatcher();

        await dispatcher.NotifyAsync(Note("n1", NotificationEvent.Completed), default);
        await dispatcher.NotifyAsync(Note("n1", NotificationEvent.Completed), default);
        await dispatcher.DeliverDueAsync(default);
        await dispatcher.DeliverDueAsync(default);

        Assert.Single(server.Requests);
    }
}
