using Microsoft.Extensions.Options;
using Qlrf.Approvals;
using Qlrf.Channels.Approvals;

namespace Qlrf.Channels.Links;

/// <summary>
/// Makes and checks signed approval links with the key and base URL of <see cref="ApprovalLinkOptions"/>:
/// for each recipient, an approve and a reject link that expire with the approval. A link's URL opens a
/// confirmation page (<c>GET {base}/api/v1/approvals/links/{token}</c>); only the page's POST decides.
/// </summary>
public sealed class ApprovalLinkIssuer(IOptions<ApprovalChannelsOptions> options)
{
    /// <summary>The path links live under, before the token.</summary>
    public const string PathPrefix = "api/v1/approvals/links/";

    private readonly Lazy<ApprovalLinkSigner?> signer = new(() =>
        ApprovalChannelsOptionsValidator.ReadKey(options.Value.Links.SigningKey) is { } key ? new ApprovalLinkSigner(key) : null);

    private ApprovalLinkOptions Settings => options.Value.Links;

    /// <summary>Whether links are switched on (with a key and a base URL, as start-up validation ensures).</summary>
    public bool Enabled => Settings.Enabled && signer.Value is not null && Settings.PublicBaseUrl is not null;

    /// <summary>The configured recipients' links for an approval; none when links are off.</summary>
    public IReadOnlyList<IssuedApprovalLinks> Issue(string organisation, string approvalId, DateTimeOffset expiresAt) =>
        Issue(organisation, approvalId, expiresAt, Settings.Recipients);

    /// <summary>Links for the given recipients (QL-RF subjects of the organisation); none when links are off.</summary>
    public IReadOnlyList<IssuedApprovalLinks> Issue(string organisation, string approvalId, DateTimeOffset expiresAt, IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (!Enabled)
        {
            return [];
        }

        return recipients.Distinct(StringComparer.Ordinal).Select(r => new IssuedApprovalLinks(
            r,
            UrlOf(new ApprovalLink(organisation, approvalId, ApprovalDecisionKind.Approve, r, ApprovalLinkSigner.NewNonce(), expiresAt)),
            UrlOf(new ApprovalLink(organisation, approvalId, ApprovalDecisionKind.Reject, r, ApprovalLinkSigner.NewNonce(), expiresAt)))).ToList();
    }

    /// <summary>Checks a link's signature and expiry; the link, or null with the reason.</summary>
    public ApprovalLink? Verify(string? token, DateTimeOffset now, out string? problem)
    {
        if (!Enabled)
        {
            problem = "Approval links are not enabled here.";
            return null;
        }

        return signer.Value!.Verify(token, now, out problem);
    }

    private Uri UrlOf(ApprovalLink link)
    {
        var root = Settings.PublicBaseUrl!.ToString();
        return new Uri((root.EndsWith('/') ? root : root + "/") + PathPrefix + signer.Value!.Sign(link));
    }
}

/// <summary>One recipient's pair of links for one approval.</summary>
public sealed record IssuedApprovalLinks(string Recipient, Uri Approve, Uri Reject);
