using Qlrf.Approvals;
using Qlrf.Channels.Delivery;
using Qlrf.Workflows.Approvals;
using Qlrf.Notifications;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// A host with every approval channel on: Slack (signing secret, response URLs on a loopback recorder),
/// Teams (the bot's app id, OpenID metadata from a loopback issuer), signed links, and the webhook (to the
/// recorder) that carries links. bob, carol and dave are engineers in <c>prod</c>, and mapped to Slack,
/// Teams and links respectively; alice requests every change; mallory gets links but holds no role.
/// Approvals are opened straight through <see cref="ApprovalService"/> (no rollout waits on them).
/// </summary>
public sealed class ApprovalChannelsHost : IAsyncLifetime
{
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string SlackTeam = "T0ACME";
    public const string BobSlackId = "U0BOB";
    public const string AliceSlackId = "U0ALICE";
    public const string CarolAadId = "6f1c0d4e-1111-4c1e-8f0a-2b6d3e4f5a6b";
    public const string AliceAadId = "6f1c0d4e-2222-4c1e-8f0a-2b6d3e4f5a6b";
    public const string Summary = "ubuntu-2204-base 2026.11.1 to 12 prod assets";

    public static readonly string LinkKey = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("an approval link key of 32+ bytes, for tests only"));

    private readonly HostDirectory directory = new();

    public QlrfHost Host { get; private set; } = null!;

    public RecordingServer Recorder { get; private set; } = null!;

    public BotFrameworkIssuer Bot { get; private set; } = null!;

    /// <summary>Where Slack's response URLs point (under <c>Qlrf:Notifications:Slack:ResponseUrlBase</c>).</summary>
    public Uri SlackResponses => new(Recorder.BaseAddress, "slack/");

    public async Task InitializeAsync()
    {
        Recorder = await RecordingServer.StartAsync();
        Bot = await BotFrameworkIssuer.StartAsync();
        Host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Notifications:Slack:SigningSecret"] = SlackSecret,
            ["Qlrf:Notifications:Slack:ResponseUrlBase"] = SlackResponses.ToString(),
            ["Qlrf:Notifications:Teams:AppId"] = BotFrameworkIssuer.AppId,
            ["Qlrf:Notifications:Teams:OpenIdMetadata"] = Bot.MetadataUrl.ToString(),
            ["Qlrf:Notifications:Webhook:Enabled"] = "true",
            ["Qlrf:Notifications:Webhook:Url"] = new Uri(Recorder.BaseAddress, "hook").ToString(),
            ["Qlrf:Notifications:Webhook:Secret"] = "whsec",
            [$"Qlrf:Approvals:Slack:Users:{BobSlackId}"] = "bob",
            [$"Qlrf:Approvals:Slack:Users:{AliceSlackId}"] = "alice",
            [$"Qlrf:Approvals:Teams:Users:{CarolAadId}"] = "carol",
            [$"Qlrf:Approvals:Teams:Users:{AliceAadId}"] = "alice",
            ["Qlrf:Approvals:Links:Enabled"] = "true",
            ["Qlrf:Approvals:Links:SigningKey"] = LinkKey,
            ["Qlrf:Approvals:Links:PublicBaseUrl"] = "https://qlrf.example.test/",
            ["Qlrf:Approvals:Links:Recipients:0"] = "dave",
            ["Qlrf:Approvals:Links:Recipients:1"] = "mallory",
        });
        foreach (var engineer in new[] { "alice", "bob", "carol", "dave" })
        {
            await Host.BindAsync(engineer, Role.Engineer, RoleScope.Environment("prod"));
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Bot.DisposeAsync();
        await Recorder.DisposeAsync();
        directory.Dispose();
    }

    /// <summary>Opens an approval of a change to <c>prod</c> requested by alice, and sends its request to the channels.</summary>
    public async Task<Approval> RequestApprovalAsync(string id, int required = 1, TimeSpan? expiresIn = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var approval = await Host.Service<ApprovalService>().OpenAsync(new Approval
        {
            Id = id,
            Organisation = Host.DefaultOrganisation(),
            Kind = "rollout",
            Subject = "ro-" + id,
            RequestedBy = "user:alice",
            Environments = ["prod"],
            RequiredApprovals = required,
            CreatedAt = now,
            ExpiresAt = now + (expiresIn ?? TimeSpan.FromHours(1)),
        }, CancellationToken.None);
        await Host.Service<NotificationDispatcher>().NotifyAsync(new Notification
        {
            Id = approval.Subject + ":awaiting-approval",
            Organisation = approval.Organisation,
            Event = NotificationEvent.AwaitingApproval,
            Subject = approval.Subject,
            Text = "Approval needed",
            Approval = new ApprovalView(approval.Id, approval.Kind, approval.Subject, Summary, "High", 61.5, approval.RequestedBy, approval.ExpiresAt, [new("Waves", "canary, 25, 50, 100%")]),
            CreatedAt = now,
        }, CancellationToken.None);
        return approval;
    }

    public async Task<Approval> ApprovalAsync(string id) =>
        await Host.Service<IApprovalStore>().GetAsync(Host.DefaultOrganisation(), id, CancellationToken.None)
            ?? throw new InvalidOperationException($"No approval {id}.");

    /// <summary>The decision audit entries of an approval, oldest first.</summary>
    public async Task<List<AuditEntryDto>> DecisionAuditAsync(Approval approval) =>
        (await AuditHostFixture.EntriesAsync(Host, $"action={ApprovalService.DecisionAction}&target={Uri.EscapeDataString($"rollout/{approval.Subject}/approvals/{approval.Id}")}"))
            .OrderBy(e => e.Sequence)
            .ToList();
}
