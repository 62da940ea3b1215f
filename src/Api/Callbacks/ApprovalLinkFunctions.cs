using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qlrf.Approvals;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Links;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// Signed approval links. Opening one (GET) shows what it decides and asks to confirm; it decides nothing,
/// so a mail scanner or a preview that fetches it does no harm. Confirming (POST) spends the link's nonce
/// and decides as the link's recipient, by the same rules as every channel: a link works once, and not
/// after it (or its approval) expires.
/// </summary>
public sealed class ApprovalLinkFunctions(
    ApprovalLinkIssuer links,
    IApprovalStore store,
    ApprovalViews views,
    ChannelDecisions decisions,
    RequestContext request,
    TimeProvider time,
    ILogger<ApprovalLinkFunctions> logger)
{
    public const string Channel = "link";
    private const int MaxCommentLength = 2000;

    public async Task<IResult> ShowApprovalLinkAsync(string token, CancellationToken cancellationToken)
    {
        var (link, approval, refusal) = await OpenAsync(token, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return approval!.IsOpen
            ? ApprovalLinkPage.Confirm(await views.OfAsync(approval, cancellationToken), link!)
            : ApprovalLinkPage.Message(StatusCodes.Status409Conflict, "Already closed", ApprovalRules.Closed(approval));
    }

    public async Task<IResult> DecideByApprovalLinkAsync(string token, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        request.AuditTarget = "approvals/links";
        var (link, approval, refusal) = await OpenAsync(token, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var actor = Principal.User(link!.Organisation, link.Recipient, []);
        (request.Caller, request.Organisation, request.Actor) = (actor, actor.Organisation, actor.Actor);
        request.AuditTarget = $"{approval!.Kind}/{approval.Subject}/approvals/{approval.Id}";
        var comment = http.HasFormContentType ? (await http.ReadFormAsync(cancellationToken))["comment"].ToString().Trim() : string.Empty;
        if (comment.Length > MaxCommentLength)
        {
            return ApprovalLinkPage.Message(StatusCodes.Status400BadRequest, "Comment too long", $"Keep the comment within {MaxCommentLength} characters, then confirm again.");
        }

        if (!await store.SpendLinkNonceAsync(link.Organisation, link.Nonce, link.ApprovalId, cancellationToken))
        {
            CallbackLogs.LinkRefused(logger, "already used");
            return ApprovalLinkPage.Message(StatusCodes.Status409Conflict, "Link already used", "This link has already been used; each link decides once.");
        }

        var outcome = await decisions.DecideAsync(
            actor, link.ApprovalId, link.Decision, comment.Length == 0 ? ApprovalLinkPage.DefaultComment(link) : comment, Channel, CallbackRequest.IdOf(http.HttpContext), cancellationToken);
        CallbackLogs.Decided(logger, actor.Actor, link.Decision, link.ApprovalId, Channel, outcome.Reason ?? "decided");
        return outcome switch
        {
            { Refusal: null, Approval: { } decided } => ApprovalLinkPage.Message(StatusCodes.Status200OK, "Decision recorded", ApprovalViews.Outcome(decided)),
            { Refusal: ChannelRefusal.Forbidden } => ApprovalLinkPage.Message(StatusCodes.Status403Forbidden, "Not allowed", outcome.Reason!),
            { Refusal: ChannelRefusal.NotFound } => ApprovalLinkPage.Message(StatusCodes.Status404NotFound, "No such approval", outcome.Reason!),
            _ => ApprovalLinkPage.Message(StatusCodes.Status409Conflict, "Not recorded", outcome.Reason!),
        };
    }

    /// <summary>The link and its approval, or the page that refuses them: not valid (404), expired (410), or no such approval (404).</summary>
    private async Task<(ApprovalLink? Link, Approval? Approval, IResult? Refusal)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var link = links.Verify(token, time.GetUtcNow(), out var problem);
        if (link is null)
        {
            CallbackLogs.LinkRefused(logger, problem ?? ApprovalLinkSigner.Malformed);
            return problem == ApprovalLinkSigner.Expired
                ? (null, null, ApprovalLinkPage.Message(StatusCodes.Status410Gone, "Link expired", "This link has expired, as its approval has."))
                : (null, null, ApprovalLinkPage.Message(StatusCodes.Status404NotFound, "Link not valid", problem ?? ApprovalLinkSigner.Malformed));
        }

        var approval = await store.GetAsync(link.Organisation, link.ApprovalId, cancellationToken);
        return approval is null
            ? (link, null, ApprovalLinkPage.Message(StatusCodes.Status404NotFound, "No such approval", "The approval this link decides no longer exists."))
            : (link, approval, null);
    }
}
