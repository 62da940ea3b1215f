using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Approvals;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Delivery;
using Qlrf.Channels.Slack;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// Slack's interactivity callback: a press of Approve or Reject on an approval message. The request is
/// trusted only with a valid <c>X-Slack-Signature</c> over the raw body and a timestamp within five
/// minutes, seen once; the Slack user decides as the QL-RF identity mapped to them. Slack gets its 200 at
/// once; the message is updated (or the presser told why not) through the interaction's response URL.
/// </summary>
public sealed class SlackCallbackFunctions(
    IOptions<NotificationOptions> notifications,
    SlackReplayGuard replays,
    ChatIdentities identities,
    ChannelDecisions decisions,
    ApprovalViews views,
    SlackResponder responder,
    RequestContext request,
    TimeProvider time,
    ILogger<SlackCallbackFunctions> logger)
{
    public const string Channel = "slack";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public async Task<Results<Ok, ProblemHttpResult>> SlackCallbackAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await CallbackRequest.ReadBodyAsync(http, cancellationToken);
        var secret = notifications.Value.Slack.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Refuse("Slack callbacks are not configured here (Qlrf:Notifications:Slack:SigningSecret).");
        }

        var signature = http.Headers[SignatureHeader].ToString();
        var verification = SlackSignature.Verify(secret, http.Headers[TimestampHeader].ToString(), signature, body, time.GetUtcNow());
        if (verification != SlackVerification.Valid)
        {
            return Refuse(verification switch
            {
                SlackVerification.Missing => "The request has no Slack signature or timestamp.",
                SlackVerification.Stale => "The request's timestamp is more than five minutes from now.",
                _ => "The request's Slack signature is not valid.",
            });
        }

        if (!replays.FirstSeen(signature))
        {
            return Refuse("The request was already received (a replay).");
        }

        SlackInteraction? interaction;
        try
        {
            interaction = SlackInteraction.Parse(Encoding.UTF8.GetString(body));
        }
        catch (FormatException ex)
        {
            throw new RequestValidationException("payload", ex.Message);
        }

        if (interaction is not null)
        {
            await DecideAsync(interaction, CallbackRequest.IdOf(http.HttpContext), cancellationToken);
        }

        return TypedResults.Ok();
    }

    private async Task DecideAsync(SlackInteraction interaction, string requestId, CancellationToken cancellationToken)
    {
        var actor = identities.Slack(interaction.TeamId, interaction.UserId);
        if (actor is null)
        {
            var who = $"slack:{interaction.TeamId}/{interaction.UserId}";
            CallbackLogs.Unmapped(logger, Channel, who, interaction.Decision, interaction.ApprovalId);
            var refused = await decisions.RefuseUnmappedAsync(
                identities.SlackOrganisation(interaction.TeamId), interaction.ApprovalId, interaction.Decision, Channel, who,
                $"The Slack user {interaction.UserId} is not mapped to a QL-RF identity; ask an admin to add them under Qlrf:Approvals:Slack:Users.",
                requestId, cancellationToken);
            responder.Enqueue(interaction.ResponseUrl, Ephemeral(refused.Reason!));
            return;
        }

        (request.Caller, request.Organisation, request.Actor) = (actor, actor.Organisation, actor.Actor);
        var verb = interaction.Decision == ApprovalDecisionKind.Approve ? "Approved" : "Rejected";
        var outcome = await decisions.DecideAsync(actor, interaction.ApprovalId, interaction.Decision, $"{verb} in Slack by {actor.Subject}", Channel, requestId, cancellationToken);
        if (outcome.Approval is { } approval)
        {
            request.AuditTarget = $"{approval.Kind}/{approval.Subject}/approvals/{approval.Id}";
        }

        CallbackLogs.Decided(logger, actor.Actor, interaction.Decision, interaction.ApprovalId, Channel, outcome.Reason ?? "decided");
        responder.Enqueue(interaction.ResponseUrl, await MessageAsync(outcome, cancellationToken));
    }

    /// <summary>
    /// A closed approval replaces the message (the buttons give way to the outcome); an approval still
    /// waiting for more approvers, or a refusal, is told only to the person who pressed.
    /// </summary>
    private async Task<JsonObject> MessageAsync(ChannelOutcome outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Approval: { IsOpen: false } closed, Refusal: null or ChannelRefusal.Closed } =>
            SlackApprovalMessage.Outcome(await views.OfAsync(closed, cancellationToken), outcome.Reason ?? ApprovalViews.Outcome(closed)),
        { Approval: { } open, Refusal: null } => Ephemeral("Your approval is recorded. " + ApprovalViews.Outcome(open)),
        _ => Ephemeral(outcome.Reason!),
    };

    private static JsonObject Ephemeral(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = false,
        ["text"] = text,
    };

    private ProblemHttpResult Refuse(string reason)
    {
        CallbackLogs.SlackRefused(logger, reason);
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The Slack request is not authenticated.", detail: reason);
    }
}
