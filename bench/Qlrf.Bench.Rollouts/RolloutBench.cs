using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Api.Rollouts;
using Qlrf.Json;
using Qlrf.Messaging;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Bench.Rollouts;

/// <summary>The benchmark's runs against a started <see cref="BenchHost"/>.</summary>
internal sealed class RolloutBench(BenchHost host)
{
    public const int BigBatch = 200;

    private readonly IRolloutStore store = host.Services.GetRequiredService<IRolloutStore>();
    private readonly List<string> started = [];

    public async Task WaitForInventoryAsync(int assets)
    {
        var drift = host.Services.GetRequiredService<IDriftStore>();
        await UntilAsync(async () => (await drift.GetSummariesAsync("acme", CancellationToken.None)).TryGetValue(DriftGroup.Organisation, out var all) && all.Total == assets, TimeSpan.FromMinutes(5));
        await QueueDrainedAsync();
    }

    public async Task<BigRun> RollOutAllAsync()
    {
        var clock = Stopwatch.StartNew();
        var id = await StartAsync($$"""
            {
              "target": { "imageFamily": "{{BenchEstate.Family}}", "imageVersion": "2.0" },
              "scope": { "environments": ["dev"] },
              "strategy": { "canaryCount": 0, "waves": [25, 50, 75, 100], "batchSize": {{BigBatch}}, "waitBetweenWaves": "00:00:00" },
              "autonomy": "approve_all"
            }
            """);
        await StatusAsync(id, RolloutStatus.AwaitingApproval, TimeSpan.FromMinutes(5));
        var planned = clock.Elapsed;
        using var trace = new StepTrace();
        trace.Watch(id);
        var approved = Stopwatch.GetTimestamp();
        await ApproveAsync(id);
        var done = await StatusAsync(id, RolloutStatus.Completed, TimeSpan.FromMinutes(30));
        trace.Print(approved, FirstActionProbe.FirstAction[id], Console.Out);
        var endToEnd = clock.Elapsed;
        var execution = Stopwatch.GetElapsedTime(approved);
        if (done.Progress.Done != done.Progress.Total || done.Progress.Failed != 0)
        {
            throw new InvalidOperationException($"The rollout finished with {done.Progress.Done} done and {done.Progress.Failed} failed of {done.Progress.Total}.");
        }

        var followed = Stopwatch.StartNew();
        var drift = host.Services.GetRequiredService<IDriftStore>();
        long compliant = 0;
        await UntilAsync(async () =>
        {
            var summaries = await drift.GetSummariesAsync("acme", CancellationToken.None);
            compliant = summaries.TryGetValue(new DriftGroup(DriftDimension.Family, BenchEstate.Family, string.Empty), out var family) ? family.Compliant + family.Ahead : 0;
            return compliant == done.Progress.Total;
        }, TimeSpan.FromMinutes(5));
        await QueueDrainedAsync();
        return new BigRun(planned, Stopwatch.GetElapsedTime(approved, FirstActionProbe.FirstAction[id]), execution, endToEnd, FirstActionProbe.Changes, followed.Elapsed, compliant);
    }

    public async Task<List<double>> ApprovalLatenciesAsync(int samples)
    {
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var ids = string.Join(", ", Enumerable.Range(i * 5, 5).Select(a => $"\"{BenchEstate.AssetId(a)}\""));
            var id = await StartAsync($$"""
                {
                  "target": { "imageFamily": "{{BenchEstate.Family}}", "imageVersion": "3.0" },
                  "scope": { "assetIds": [{{ids}}] },
                  "strategy": { "canaryCount": 0, "waves": [100], "batchSize": 5, "waitBetweenWaves": "00:00:00" },
                  "autonomy": "approve_all"
                }
                """);
            await StatusAsync(id, RolloutStatus.AwaitingApproval, TimeSpan.FromMinutes(1));
            var sent = Stopwatch.GetTimestamp();
            await ApproveAsync(id);
            await StatusAsync(id, RolloutStatus.Completed, TimeSpan.FromMinutes(1));
            latencies.Add(Stopwatch.GetElapsedTime(sent, FirstActionProbe.FirstAction[id]).TotalMilliseconds);
        }

        return latencies;
    }

    /// <summary>
    /// Waits for every rollout's orchestration to end (each ends with the sweep of what it changed, after its status
    /// reads completed), then for those sweeps and the changes they found, so the host stops idle.
    /// </summary>
    public async Task QuietAsync()
    {
        var orchestrations = host.Services.GetRequiredService<OrchestrationTenancy>().For("acme");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        foreach (var id in started)
        {
            await orchestrations.WaitForCompletionAsync(id, cancellationToken: patience.Token);
        }

        var discovery = host.Services.GetRequiredService<IDiscoveryStore>();
        await UntilAsync(async () => (await discovery.ListRunsAsync("acme", null, 10, null, CancellationToken.None)).Items.All(r => r.Status != SweepStatus.Running), TimeSpan.FromMinutes(5));
        await QueueDrainedAsync();
    }

    private async Task<string> StartAsync(string json)
    {
        using var response = await host.Requester.PostAsync(new Uri("api/v1/rollouts", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var id = response.StatusCode == HttpStatusCode.Accepted
            ? QlrfJson.Deserialize<RolloutSummary>(body)!.Id
            : throw new InvalidOperationException($"Starting a rollout: {(int)response.StatusCode} {body}");
        started.Add(id);
        return id;
    }

    private async Task ApproveAsync(string id)
    {
        using var response = await host.Approver.PostAsJsonAsync(new Uri($"api/v1/rollouts/{id}/approve", UriKind.Relative), new { comment = "benchmark" });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Approving {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<Rollout> StatusAsync(string id, RolloutStatus status, TimeSpan patience)
    {
        Rollout? rollout = null;
        await UntilAsync(async () =>
        {
            rollout = await store.GetAsync("acme", id, CancellationToken.None);
            return rollout!.Status == status || (rollout.Status.IsFinal()
                ? throw new InvalidOperationException($"Rollout {id} ended {rollout.Status}, not {status}: {rollout.StatusReason}")
                : false);
        }, patience);
        return rollout!;
    }

    private Task QueueDrainedAsync()
    {
        var queue = host.Services.GetRequiredService<IAssetChangeQueue>();
        return UntilAsync(async () => (await queue.GetDepthAsync(CancellationToken.None)) is { Visible: 0, InFlight: 0 }, TimeSpan.FromMinutes(5));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Gave up after {patience}.");
            }

            await Task.Delay(2);
        }
    }
}

/// <summary>The big rollout's figures.</summary>
internal sealed record BigRun(TimeSpan Planned, TimeSpan FirstAction, TimeSpan Execution, TimeSpan EndToEnd, long Changed, TimeSpan DriftFollowed, long Compliant);
