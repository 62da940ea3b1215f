namespace Qlrf.Channels.Approvals;

/// <summary>
/// Who may decide approvals from outside the API, section <c>Qlrf:Approvals</c>: the QL-RF identity each
/// Slack user and Teams user acts as, and signed approval links. A mapped user decides with the role
/// bindings of their QL-RF subject in the mapped organisation, by the same rules as the API.
/// Validated at start-up by <see cref="ApprovalChannelsOptionsValidator"/>.
/// </summary>
public sealed class ApprovalChannelsOptions
{
    public const string Section = "Qlrf:Approvals";

    public SlackApproverOptions Slack { get; set; } = new();

    public TeamsApproverOptions Teams { get; set; } = new();

    public ApprovalLinkOptions Links { get; set; } = new();
}

/// <summary>
/// Slack users who may decide: <c>Users:{Slack user id}</c> = QL-RF subject, in <see cref="Organisation"/>.
/// A workspace (Slack team id) can have an organisation and users of its own under <c>Workspaces:{team id}</c>;
/// a user is looked up in their workspace first, then in <see cref="Users"/>.
/// </summary>
public sealed class SlackApproverOptions
{
    /// <summary>The organisation mapped users act in. Default <c>Qlrf:Tenancy:DefaultOrganisation</c>.</summary>
    public string? Organisation { get; set; }

    public Dictionary<string, string> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SlackWorkspaceOptions> Workspaces { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One Slack workspace's organisation and users.</summary>
public sealed class SlackWorkspaceOptions
{
    /// <summary>Default: the organisation of <see cref="SlackApproverOptions"/>.</summary>
    public string? Organisation { get; set; }

    public Dictionary<string, string> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Teams users who may decide: <c>Users:{AAD object id}</c> = QL-RF subject, in <see cref="Organisation"/>.</summary>
public sealed class TeamsApproverOptions
{
    /// <summary>The organisation mapped users act in. Default <c>Qlrf:Tenancy:DefaultOrganisation</c>.</summary>
    public string? Organisation { get; set; }

    public Dictionary<string, string> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Signed approval links (for email or any channel that cannot call back). Each approval request sent to
/// the webhook carries an approve and a reject link per recipient; a link decides once, as its recipient.
/// </summary>
public sealed class ApprovalLinkOptions
{
    public bool Enabled { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key links are signed with: base64 of at least 32 random bytes
    /// (<c>openssl rand -base64 32</c>). A secret: supply it through the environment or Key Vault.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The address people reach QL-RF's API at, which links start with (<c>https://qlrf.example.com/</c>).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The QL-RF subjects (in the approval's organisation) who are sent links for every approval.</summary>
    public List<string> Recipients { get; set; } = [];
}
