using Microsoft.Extensions.Options;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Channels.Approvals;

/// <summary>
/// The QL-RF identity a chat user acts as, from <see cref="ApprovalChannelsOptions"/>: a user principal
/// with no grants of its own, so only the subject's role bindings in the organisation count.
/// </summary>
public sealed class ChatIdentities(IOptions<ApprovalChannelsOptions> options, IOptions<TenancyOptions> tenancy)
{
    /// <summary>The organisation a Slack workspace's users act in (also where a refusal of an unmapped user is audited).</summary>
    public string SlackOrganisation(string teamId)
    {
        var slack = options.Value.Slack;
        var workspace = slack.Workspaces.GetValueOrDefault(teamId);
        return workspace?.Organisation ?? slack.Organisation ?? tenancy.Value.DefaultOrganisation;
    }

    /// <summary>The identity of a Slack user of a workspace, or null when they are not mapped.</summary>
    public Principal? Slack(string teamId, string userId)
    {
        var slack = options.Value.Slack;
        var workspace = slack.Workspaces.GetValueOrDefault(teamId);
        var subject = workspace?.Users.GetValueOrDefault(userId) ?? slack.Users.GetValueOrDefault(userId);
        return subject is null ? null : Principal.User(SlackOrganisation(teamId), subject.Trim(), []);
    }

    /// <summary>The organisation Teams users act in.</summary>
    public string TeamsOrganisation => options.Value.Teams.Organisation ?? tenancy.Value.DefaultOrganisation;

    /// <summary>The identity of a Teams user (by AAD object id), or null when they are not mapped.</summary>
    public Principal? Teams(string aadObjectId) =>
        options.Value.Teams.Users.GetValueOrDefault(aadObjectId) is { } subject ? Principal.User(TeamsOrganisation, subject.Trim(), []) : null;
}
