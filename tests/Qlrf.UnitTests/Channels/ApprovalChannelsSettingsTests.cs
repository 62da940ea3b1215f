using Microsoft.Extensions.Options;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Delivery;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.UnitTests.Channels;

public sealed class ApprovalChannelsSettingsTests
{
    private static ValidateOptionsResult Validate(ApprovalChannelsOptions options, NotificationOptions? notifications = null) =>
        new ApprovalChannelsOptionsValidator(Options.Create(notifications ?? new NotificationOptions())).Validate(null, options);

    [Fact]
    public void Nothing_configured_is_valid() => Assert.True(Validate(new ApprovalChannelsOptions()).Succeeded);

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var options = new ApprovalChannelsOptions
        {
            Slack = new SlackApproverOptions { Organisation = "Not A Slug", Users = { ["U1"] = " " } },
            Teams = new TeamsApproverOptions { Users = { ["6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b"] = "carol" } },
            Links = new ApprovalLinkOptions { Enabled = true, SigningKey = Convert.ToBase64String(new byte[31]), Recipients = ["ok", "bad\n"] },
        };

        var failures = Validate(options).Failures!.ToList();

        Assert.Equal(
            [
                "Qlrf:Approvals:Slack:Organisation must be a lower-case slug (letters, digits, dashes).",
                "Qlrf:Approvals:Slack:Users:U1 must be a QL-RF subject (1 to 256 characters, no control characters).",
                "Qlrf:Notifications:Slack:SigningSecret is required when Qlrf:Approvals:Slack maps users (it verifies Slack's callbacks).",
                "Qlrf:Notifications:Teams:AppId is required when Qlrf:Approvals:Teams maps users (Teams tokens must name it as their audience).",
                "Qlrf:Approvals:Links:SigningKey must be base64 of at least 32 random bytes (openssl rand -base64 32).",
                "Qlrf:Approvals:Links:PublicBaseUrl is required when Qlrf:Approvals:Links:Enabled is true: the absolute http(s) address people reach QL-RF at.",
                "Qlrf:Approvals:Links:Recipients:1 must be a QL-RF subject (1 to 256 characters, no control characters).",
            ],
            failures);
    }

    [Fact]
    public void Enabled_links_without_a_key_name_the_setting()
    {
        var failures = Validate(new ApprovalChannelsOptions { Links = new ApprovalLinkOptions { Enabled = true, PublicBaseUrl = new Uri("https://qlrf.example.test/") } }).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Qlrf:Approvals:Links:SigningKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Mapped_chat_users_are_valid_with_the_channels_credentials()
    {
        var options = new ApprovalChannelsOptions
        {
            Slack = new SlackApproverOptions { Workspaces = { ["T1"] = new SlackWorkspaceOptions { Organisation = "globex", Users = { ["U1"] = "bob" } } } },
            Teams = new TeamsApproverOptions { Users = { ["aad-1"] = "carol" } },
        };
        var notifications = new NotificationOptions { Slack = new SlackOptions { SigningSecret = "s" }, Teams = new TeamsOptions { AppId = "bot" } };

        Assert.True(Validate(options, notifications).Succeeded);
    }

    [Fact]
    public void A_slack_user_is_looked_up_in_their_workspace_first_and_decides_with_no_grants_of_their_own()
    {
        var options = new ApprovalChannelsOptions
        {
            Slack = new SlackApproverOptions
            {
                Users = { ["U1"] = "bob", ["U2"] = "bea" },
                Workspaces = { ["T9"] = new SlackWorkspaceOptions { Organisation = "globex", Users = { ["U1"] = "bob@globex" } } },
            },
            Teams = new TeamsApproverOptions { Organisation = "initech", Users = { ["6F1C0D4E-AAAA"] = "carol" } },
        };
        var identities = new ChatIdentities(Options.Create(options), Options.Create(new TenancyOptions { DefaultOrganisation = "acme" }));

        var bob = identities.Slack("T1", "U1")!;
        Assert.Equal(("acme", PrincipalKind.User, "bob", "user:bob"), (bob.Organisation, bob.Kind, bob.Subject, bob.Actor));
        Assert.Equal(("globex", "bob@globex"), (identities.Slack("T9", "U1")!.Organisation, identities.Slack("T9", "U1")!.Subject));
        Assert.Equal(("globex", "bea"), (identities.Slack("T9", "U2")!.Organisation, identities.Slack("T9", "U2")!.Subject));
        Assert.Empty(identities.Slack("T1", "U1")!.Grants);
        Assert.Null(identities.Slack("T1", "U3"));
        Assert.Equal(("initech", "carol"), (identities.Teams("6f1c0d4e-aaaa")!.Organisation, identities.Teams("6f1c0d4e-aaaa")!.Subject));
        Assert.Null(identities.Teams("someone-else"));
    }
}
