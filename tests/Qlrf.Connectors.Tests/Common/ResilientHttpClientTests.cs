using System.Net;
using Microsoft.AspNetCore.Hosting;
using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Common;

public sealed class ResilientHttpClientTests
{
    private static ResilientHttpClient Client(ConnectorHttpOptions options, InstantTimeProvider time) =>
        new(ConnectorHttp.CreateClient(), options, time, new LogCapture().CreateLogger("test"), "test");

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
}
