using System.Net;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

public sealed class RateLimitTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Each_key_and_each_organisation_get_their_limit_then_429_with_retry_after()
    {
        await using var host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Api:RateLimits:PerCallerPermitLimit"] = "3",
            ["Qlrf:Api:RateLimits:PerCallerWindow"] = "01:00:00",
            ["Qlrf:Api:RateLimits:PerOrganisationPermitLimit"] = "5",
            ["Qlrf:Api:RateLimits:PerOrganisationWindow"] = "01:00:00",
            ["Qlrf:Api:RateLimits:AnonymousPermitLimit"] = "2",
            ["Qlrf:Api:RateLimits:AnonymousWindow"] = "01:00:00",
        });
        using var first = await host.CreateClientAsAsync(Role.Viewer);
        using var second = await host.CreateClientAsAsync(Role.Viewer);
        using var otherOrganisation = await host.CreateClientAsAsync(Role.Viewer, Access.OtherOrganisation);
        using var anonymous = host.CreateAnonymousClient();

        var firstReplies = new List<Reply>();
        for (var i = 0; i < 4; i++)
        {
            firstReplies.Add(await first.FetchAsync("/api/v1/sites"));
        }

        var secondReplies = new List<Reply>();
        for (var i = 0; i < 3; i++)
        {
            secondReplies.Add(await second.FetchAsync("/api/v1/sites"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstReplies.Select(r => r.Status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], secondReplies.Select(r => r.Status));
        foreach (var refused in new[] { firstReplies[3], secondReplies[2] })
        {
            Assert.True(refused.Response.Headers.RetryAfter?.Delta?.TotalSeconds >= 1, refused.Response.Headers.RetryAfter?.ToString());
            Assert.Equal(429, refused.Problem!.Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await otherOrganisation.FetchAsync("/api/v1/sites")).Status);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.FetchAsync("/healthz")).Status);
        }

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            [(await anonymous.FetchAsync("/api/v1/sites")).Status, (await anonymous.FetchAsync("/api/v1/sites")).Status, (await anonymous.FetchAsync("/api/v1/sites")).Status]);
    }

    [Fact]
    public async Task Chat_callbacks_and_approval_links_have_a_limit_per_client_address_of_their_own()
    {
        await using var host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Api:RateLimits:ChannelPermitLimit"] = "2",
            ["Qlrf:Api:RateLimits:ChannelWindow"] = "01:00:00",
        });
        using var anonymous = host.CreateAnonymousClient();
        using var admin = host.CreateClient();

        async Task<HttpStatusCode[]> ThriceAsync(HttpMethod method, string path)
        {
            var statuses = new HttpStatusCode[3];
            for (var i = 0; i < 3; i++)
            {
                statuses[i] = (await anonymous.SendAsync(method, path, method == HttpMethod.Post ? "{}" : null)).Status;
            }

            return statuses;
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], await ThriceAsync(HttpMethod.Post, "/api/v1/callbacks/slack"));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], await ThriceAsync(HttpMethod.Post, "/api/v1/callbacks/teams"));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], await ThriceAsync(HttpMethod.Get, "/api/v1/approvals/links/x"));
        Assert.Equal(HttpStatusCode.OK, (await admin.FetchAsync("/api/v1/sites")).Status);
    }
}
