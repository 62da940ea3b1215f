using System.Net;
using Microsoft.AspNetCore.Hosting;
using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Common;

public sealed class ResilientHttpClientTests
{
    private static ResilientHttpClient Client(ConnectorHttpOptions options, InstantTimeProvider time, ConnectorRetryRules? rules = null) =>
        new(ConnectorHttp.CreateClient(), options, time, new LogCapture().CreateLogger("test"), "test", rules);

    private static Task<string> GetAsync(ResilientHttpClient client, string url) =>
        client.SendAsync(
            "get thing",
            _ => ValueTask.FromResult(new HttpRequestMessage(HttpMethod.Get, url)),
            (response, token) => response.Content.ReadAsStringAsync(token),
            CancellationToken.None);

    [Fact]
    public async Task A_call_without_an_answer_times_out_and_is_retried_then_given_up_naming_the_operation()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var time = new InstantTimeProvider();

        // The listener accepts connections but never answers.
        var error = await Assert.ThrowsAsync<ConnectorHttpException>(() =>
            GetAsync(Client(new ConnectorHttpOptions { Timeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 }, time), $"http://127.0.0.1:{port}/never"));

        Assert.Equal("get thing: gave up after 2 attempts: no answer within 00:00:01", error.Message);
        Assert.Single(time.Delays);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(_ => true, Answer.Text("{\"message\":\"no such thing\"}", 404));
        var time = new InstantTimeProvider();

        var error = await Assert.ThrowsAsync<ConnectorHttpException>(() => GetAsync(Client(new ConnectorHttpOptions(), time), server.BaseUrl + "/thing"));

        Assert.Equal((HttpStatusCode?)HttpStatusCode.NotFound, error.Status);
        Assert.Equal("get thing: HTTP 404 {\"message\":\"no such thing\"}", error.Message);
        Assert.Single(server.Requests);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task Throttling_on_every_attempt_gives_up_after_the_configured_attempts()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(_ => true, Answer.Text("slow down", 429));
        var time = new InstantTimeProvider();

        var error = await Assert.ThrowsAsync<ConnectorHttpException>(() => GetAsync(Client(new ConnectorHttpOptions { MaxAttempts = 4 }, time), server.BaseUrl + "/thing"));

        Assert.Equal("get thing: gave up after 4 attempts: HTTP 429 slow down", error.Message);
        Assert.Equal((HttpStatusCode?)HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, time.Delays.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_backoff_is_waited_for_up_to_five_minutes()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(
            _ => true,
            new Answer(429, "slow down", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "45" }),
            new Answer(503, "busy", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "3600" }),
            Answer.Text("done"));
        var time = new InstantTimeProvider();

        var body = await GetAsync(Client(new ConnectorHttpOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }, time), server.BaseUrl + "/thing");

        Assert.Equal("done", body);
        Assert.Equal([TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(5)], time.Delays);
    }

    [Fact]
    public async Task Backoff_without_retry_after_grows_and_stays_under_the_maximum()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(_ => true, Answer.Text("bad gateway", 502));
        var time = new InstantTimeProvider();

        await Assert.ThrowsAsync<ConnectorHttpException>(() =>
            GetAsync(Client(new ConnectorHttpOptions { MaxAttempts = 8, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) }, time), server.BaseUrl + "/thing"));

        Assert.Equal(7, time.Delays.Count);
        Assert.All(time.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        Assert.True(time.Delays.Sum(d => d.TotalSeconds) > 7, "the backoff does not grow");
    }

    [Fact]
    public async Task An_error_the_rules_call_throttling_is_retried_and_one_they_call_permanent_is_not()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(r => r.Path == "/limited", Answer.Text("{\"reason\":\"rateLimitExceeded\"}", 403), Answer.Text("ok"));
        server.On(r => r.Path == "/ambiguous", Answer.Text("{\"type\":\"too_many_matches\"}", 500));
        var rules = new ConnectorRetryRules
        {
            IsThrottled = (status, body) => status == HttpStatusCode.Forbidden && body.Contains("rateLimitExceeded", StringComparison.Ordinal),
            IsPermanent = (_, body) => body.Contains("too_many_matches", StringComparison.Ordinal),
        };
        var time = new InstantTimeProvider();
        var client = Client(new ConnectorHttpOptions(), time, rules);

        Assert.Equal("ok", await GetAsync(client, server.BaseUrl + "/limited"));
        var error = await Assert.ThrowsAsync<ConnectorHttpException>(() => GetAsync(client, server.BaseUrl + "/ambiguous"));

        Assert.Equal((HttpStatusCode?)HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(1, server.Requests.Count(r => r.Path == "/ambiguous"));
        Assert.Single(time.Delays);
    }

    [Fact]
    public async Task As_a_handler_under_an_sdk_client_the_pipeline_retries_throttling_and_hands_back_the_last_answer()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(_ => true, Answer.Text("slow down", 429), Answer.Text("slow down", 429), Answer.Text("still", 429));
        var time = new InstantTimeProvider();
        var pipeline = ConnectorResilience.Pipeline(new ConnectorHttpOptions { MaxAttempts = 3 }, ConnectorRetryRules.StatusOnly, time, new LogCapture().CreateLogger("test"), "sdk");
        using var http = new HttpClient(new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler() });

        using var response = await http.GetAsync(new Uri(server.BaseUrl + "/thing"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("still", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, time.Delays.Count);
    }
}
