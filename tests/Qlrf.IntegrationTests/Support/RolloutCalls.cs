using System.Net;
using System.Text.Json;
using Qlrf.Api.Rollouts;
using Qlrf.Rollouts;

namespace Qlrf.IntegrationTests.Support;

/// <summary>Rollout calls for tests: start, read, decide, and wait for a status.</summary>
public static class RolloutCalls
{
    /// <summary>Staging and dev assets of ubuntu-2204-base to its production version, canary of 2, then two waves, no waits.</summary>
    public const string NonProdUbuntu = """
        {
          "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1" },
          "scope": { "environments": ["staging", "dev"] },
          "strategy": { "canaryCount": 2, "waves": [50, 100], "batchSize": 4, "waitBetweenWaves": "00:00:00" },
          "autonomy": "approve_all"
        }
        """;

    public static async Task<Reply> StartRolloutAsync(this HttpClient client, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rollouts") { Content = HostApi.JsonContent(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonSerializer.Deserialize<ProblemDto>(body, QlrfHost.Json) : null;
        return new Reply(response.StatusCode, problem, body, response);
    }

    public static async Task<string> StartedRolloutAsync(this HttpClient client, string json, string? idempotencyKey = null)
    {
        var reply = await client.StartRolloutAsync(json, idempotencyKey);
        Assert.True(reply.Status == HttpStatusCode.Accepted, reply.Body);
        return reply.Json<RolloutSummary>().Id;
    }

    public static Task<Reply> DecideRolloutAsync(this HttpClient client, string id, string decision, string? comment = "looks fine") =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/rollouts/{id}/{decision}", comment is null ? "{}" : JsonSerializer.Serialize(new { comment }));

    public static Task<RolloutDetail> RolloutAsync(this QlrfHost host, string id) => host.GetJsonAsync<RolloutDetail>($"/api/v1/rollouts/{id}");

    public static async Task<RolloutDetail> WaitForRolloutAsync(this QlrfHost host, string id, Func<RolloutDetail, bool> condition, string what, TimeSpan? timeout = null)
    {
        RolloutDetail? detail = null;
        await Eventually.TrueAsync(async () => condition(detail = await host.RolloutAsync(id)), timeout ?? TimeSpan.FromSeconds(60), $"rollout {id} {what}");
        return detail!;
    }

    public static Task<RolloutDetail> WaitForStatusAsync(this QlrfHost host, string id, RolloutStatus status, TimeSpan? timeout = null) =>
        host.WaitForRolloutAsync(id, d => d.Rollout.Status == status || (d.Rollout.Status.IsFinal() && status != d.Rollout.Status && Fail(d, status)), $"to be {status}", timeout);

    private static bool Fail(RolloutDetail detail, RolloutStatus expected) =>
        throw new Xunit.Sdk.XunitException($"rollout {detail.Rollout.Id} ended {detail.Rollout.Status}, not {expected}: {detail.Rollout.StatusReason}");
}
