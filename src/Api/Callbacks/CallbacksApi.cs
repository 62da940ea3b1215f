using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// Where approvals are decided from outside the API: Slack's interactivity callback, the Teams bot's
/// messaging endpoint, and signed approval links. Each authenticates its caller itself, so none takes a
/// QL-RF sign-in, and each has a rate limit per client address. None declares the content types it
/// accepts: that metadata takes part in routing, and a request of another type would be routed past the
/// endpoint's own authentication to a 415; each reads its body itself and refuses what it cannot read.
/// </summary>
public static class CallbacksApi
{
    public static IEndpointRouteBuilder MapCallbacksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.SlackCallback, (SlackCallbackFunctions f, HttpRequest r, CancellationToken ct) => f.SlackCallbackAsync(r, ct))
            .WithName(nameof(SlackCallbackFunctions.SlackCallbackAsync))
            .WithTags("Approval channels")
            .WithSummary("Slack interactivity: a press of Approve or Reject on an approval message (form-encoded block_actions payload).")
            .AuthenticatedBy("the Slack request signature (X-Slack-Signature, X-Slack-Request-Timestamp)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost(Routes.TeamsCallback, (TeamsCallbackFunctions f, HttpRequest r, CancellationToken ct) => f.TeamsCallbackAsync(r, ct))
            .WithName(nameof(TeamsCallbackFunctions.TeamsCallbackAsync))
            .WithTags("Approval channels")
            .WithSummary("The Teams bot's messaging endpoint: Action.Execute invokes from approval cards, answered with the updated card.")
            .AuthenticatedBy("a Bot Framework token (Authorization: Bearer)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet(Routes.ApprovalLink, (ApprovalLinkFunctions f, string token, CancellationToken ct) => f.ShowApprovalLinkAsync(token, ct))
            .WithName(nameof(ApprovalLinkFunctions.ShowApprovalLinkAsync))
            .WithTags("Approval channels")
            .WithSummary("The confirmation page of a signed approval link; opening it decides nothing.")
            .AuthenticatedBy("the signed link itself")
            .Produces<string>(StatusCodes.Status200OK, "text/html");

        app.MapPost(Routes.ApprovalLink, (ApprovalLinkFunctions f, string token, HttpRequest r, CancellationToken ct) => f.DecideByApprovalLinkAsync(token, r, ct))
            .WithName(nameof(ApprovalLinkFunctions.DecideByApprovalLinkAsync))
            .WithTags("Approval channels")
            .WithSummary("Confirms a signed approval link: decides once, as the link's recipient, with an optional comment (form field 'comment').")
            .AuthenticatedBy("the signed link itself")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }
}
