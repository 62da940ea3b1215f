using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Approvals;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Teams;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// The Teams bot's messaging endpoint, for the Action.Execute buttons of approval cards. The request is
/// trusted only with a valid Bot Framework token (<see cref="BotFrameworkTokenValidator"/>); the Teams user
/// (by AAD object id) decides as the QL-RF identity mapped to them, with the comment typed on the card.
/// The answer is the invoke response: the updated card, or a message saying why not.
/// </summary>
public sealed class TeamsCallbackFunctions(
    BotFrameworkTokenValidator tokens,
    ChatIdentities identities,
    ChannelDecisions decisions,
    ApprovalViews views,
    RequestContext request,
    IOptions<ApiLimitsOptions> limits,
    ILogger<TeamsCallbackFunctions> logger)
{
    public const string Channel = "teams";

    public async Task<Results<Ok, JsonHttpResult<JsonObject>, ProblemHttpResult>> TeamsCallbackAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await CallbackRequest.ReadBodyAsync(http, cancellationToken);
        using var activity = Parse(body);
        var root = activity?.RootElement;
        var check = await tokens.ValidateAsync(http.Headers.Authorization.ToString(), Text(root, "serviceUrl"), Text(root, "channelId"), cancellationToken);
        if (check.Status != BotTokenStatus.Valid)
        {
            CallbackLogs.TeamsRefused(logger, check.Reason);
            return check.Status == BotTokenStatus.Unavailable
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Teams callbacks are unavailable.", detail: "The bot's token keys could not be read; try again shortly.")
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The Teams request is not authenticated.", detail: "The Bot Framework token is missing or not valid.");
        }

        if (root is not { } json)
        {
            throw new RequestValidationException("body", "is not a Bot Framework activity (JSON).");
        }

        TeamsInvoke? invoke;
        try
        {
            invoke = TeamsInvoke.Parse(json);
        }
        catch (FormatException ex)
        {
            throw new RequestValidationException("body", ex.Message);
        }

        return invoke is null ? TypedResults.Ok() : TypedResults.Json(await DecideAsync(invoke, CallbackRequest.IdOf(http.HttpContext), cancellationToken));
    }

    private async Task<JsonObject> DecideAsync(TeamsInvoke invoke, string requestId, CancellationToken cancellationToken)
    {
        var actor = identities.Teams(invoke.AadObjectId);
        if (actor is null)
        {
            var who = $"teams:{invoke.AadObjectId}";
            CallbackLogs.Unmapped(logger, Channel, who, invoke.Decision, invoke.ApprovalId);
            var refused = await decisions.RefuseUnmappedAsync(
                identities.TeamsOrganisation, invoke.ApprovalId, invoke.Decision, Channel, who,
                $"Your Teams account ({invoke.AadObjectId}) is not mapped to a QL-RF identity; ask an admin to add it under Qlrf:Approvals:Teams:Users.",
                requestId, cancellationToken);
            return TeamsApprovalCard.InvokeMessage(StatusCodes.Status200OK, refused.Reason!);
        }

        (request.Caller, request.Organisation, request.Actor) = (actor, actor.Organisation, actor.Actor);
        var outcome = await decisions.DecideAsync(actor, invoke.ApprovalId, invoke.Decision, invoke.Comment, Channel, requestId, cancellationToken);
        if (outcome.Approval is { } approval)
        {
            request.AuditTarget = $"{approval.Kind}/{approval.Subject}/approvals/{approval.Id}";
        }

        CallbackLogs.Decided(logger, actor.Actor, invoke.Decision, invoke.ApprovalId, Channel, outcome.Reason ?? "decided");
        return outcome switch
        {
            { Approval: { IsOpen: false } closed, Refusal: null or ChannelRefusal.Closed } =>
                TeamsApprovalCard.InvokeResponse(TeamsApprovalCard.Outcome(await views.OfAsync(closed, cancellationToken), outcome.Reason ?? ApprovalViews.Outcome(closed))),
            { Approval: { } open, Refusal: null } =>
                TeamsApprovalCard.InvokeResponse(TeamsApprovalCard.Progress(await views.OfAsync(open, cancellationToken), ApprovalViews.Outcome(open))),
            _ => TeamsApprovalCard.InvokeMessage(StatusCodes.Status200OK, outcome.Reason!),
        };
    }

    /// <summary>The activity, or null when the body is not JSON within the depth limit (refused after the token is checked).</summary>
    private JsonDocument? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = limits.Value.MaxJsonDepth });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
