using System.Net;
using System.Text.Json;
using Qlrf.Discovery;

namespace Qlrf.IntegrationTests.Support;

/// <summary>Small helpers over the API for tests.</summary>
public static class HostApi
{
    public static async Task<List<AssetDto>> AllAssetsAsync(this QlrfHost host, string query = "")
    {
        var all = new List<AssetDto>();
        string? cursor = null;
        do
        {
            var sep = query.Length == 0 ? "?" : "?" + query + "&";
            var page = await host.GetJsonAsync<PageDto<AssetDto>>($"/api/v1/assets{sep}limit=100{(cursor is null ? string.Empty : "&cursor=" + cursor)}");
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    public static async Task<SweepRun> WaitForRunAsync(this QlrfHost host, string runId)
    {
        SweepRun? run = null;
        await Eventually.TrueAsync(async () =>
        {
            run = await host.GetJsonAsync<SweepRun>($"/api/v1/discovery/runs/{runId}");
            return run.Status != SweepStatus.Running;
        }, TimeSpan.FromSeconds(30), $"sweep run {runId} to finish");
        return run!;
    }

    /// <summary>The startup sweep's run, once finished.</summary>
    public static async Task<SweepRun> WaitForFirstSweepAsync(this QlrfHost host)
    {
        SweepRun? run = null;
        await Eventually.TrueAsync(async () =>
        {
            var page = await host.GetJsonAsync<PageDto<SweepRun>>("/api/v1/discovery/runs");
            run = page.Items.LastOrDefault();
            return run is not null && run.Status != SweepStatus.Running;
        }, TimeSpan.FromSeconds(30), "the start-up sweep");
        return run!;
    }

    public static async Task<SweepRun> SweepNowAsync(this QlrfHost host)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync("/api/v1/discovery/sweeps", JsonContent("{}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var run = JsonSerializer.Deserialize<SweepRun>(body, QlrfHost.Json)!;
        Assert.Equal($"/api/v1/discovery/runs/{run.Id}", response.Headers.Location?.OriginalString);
        return await host.WaitForRunAsync(run.Id);
    }

    public static async Task<(HttpStatusCode Status, ProblemDto? Problem, string Body)> SendAsync(this QlrfHost host, HttpMethod method, string path, string? json = null)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent(json) };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ProblemDto? problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonSerializer.Deserialize<ProblemDto>(body, QlrfHost.Json)
            : null;
        return (response.StatusCode, problem, body);
    }

    public static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
