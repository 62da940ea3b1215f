using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qlrf.Channels.Slack;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>Approval button presses as Slack and Teams send them to the host, for rollouts' approvals.</summary>
internal static class ChatApprovals
{
    /// <summary>A Slack block action pressing a button on an approval, form-encoded as Slack posts it.</summary>
    public static string SlackPress(string approvalId, Uri responseUrl, string user = ApprovalChannelsHost.BobSlackId, string action = SlackInteraction.ApproveActionId) =>
        "payload=" + WebUtility.UrlEncode(JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = user, username = user.ToLowerInvariant() },
            team = new { id = ApprovalChannelsHost.SlackTeam },
            response_url = responseUrl.ToString(),
            actions = new[] { new { action_id = action, block_id = "qlrf_decision", value = approvalId, type = "button" } },
        }));

    /// <summary>A Slack callback signed v0 with the given secret at the given time.</summary>
    public static HttpRequestMessage SlackSigned(string body, DateTimeOffset at, string secret = ApprovalChannelsHost.SlackSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/slack")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A Teams Action.Execute invoke on an approval's card, from the given AAD user.</summary>
    public static HttpRequestMessage TeamsInvoke(string approvalId, string? token, string aad = ApprovalChannelsHost.CarolAadId, string verb = "approve")
    {
        var activity = JsonSerializer.Serialize(new
        {
            type = "invoke",
            name = "adaptiveCard/action",
            channelId = "msteams",
            serviceUrl = BotFrameworkIssuer.ServiceUrl,
            from = new { id = "29:1carol", name = "Carol", aadObjectId = aad },
            conversation = new { id = "19:rollouts@thread.tacv2" },
            value = new { action = new { type = "Action.Execute", verb, data = new { approvalId, comment = "canary plan looks right" } }, trigger = "manual" },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/teams") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<HttpStatusCode> SendAnonymouslyAsync(this QlrfHost host, HttpRequestMessage request)
    {
        using var client = host.CreateAnonymousClient();
        using (request)
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }
}
