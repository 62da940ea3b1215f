using System.Net;
using System.Text.Json;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts.Platforms;

/// <summary>
/// One platform's whole rollout through the real host: a family whose versions carry the platform's references, the
/// assets swept from the platform's fake, a rollout started, approved and completed, and the next sweep of the source.
/// </summary>
internal static class PlatformRollout
{
    public const string OldVersion = "1.4.0";
    public const string NewVersion = "1.5.0";

    /// <summary>Registers the family with both versions (their references on <paramref name="platform"/>) and promotes the new one to production there.</summary>
    public static async Task RegisterFamilyAsync(QlrfHost host, string family, string platform, string oldReference, string newReference)
    {
        await OkAsync(host, HttpMethod.Post, "/api/v1/images/families", $$"""{"name": "{{family}}", "os": "Debian 12", "owner": "platform"}""");
        foreach (var (version, reference) in new[] { (OldVersion, oldReference), (NewVersion, newReference) })
        {
            await OkAsync(host, HttpMethod.Post, $"/api/v1/images/families/{family}/versions", $$$"""{"version": "{{{version}}}", "platforms": {"{{{platform}}}": "{{{reference}}}"}}""");
        }

        foreach (var status in new[] { "testing", "production" })
        {
            await OkAsync(host, HttpMethod.Post, $"/api/v1/images/{family}@{NewVersion}/transitions", $$"""{"status": "{{status}}", "platforms": ["{{platform}}"], "reason": "integration test"}""");
        }
    }

    /// <summary>
    /// Starts a rollout of <paramref name="assetIds"/> to the new version (canary 1, one wave, no waits), approves it and waits
    /// until it completes; each asset's result then holds the executor's last progress report, which must match <paramref name="lastProgress"/>.
    /// </summary>
    public static async Task RollOutAsync(QlrfHost host, string family, IReadOnlyList<string> assetIds, string lastProgress)
    {
        var request = JsonSerializer.Serialize(new
        {
            target = new { imageFamily = family, imageVersion = NewVersion },
            scope = new { assetIds },
            strategy = new { canaryCount = 1, waves = new[] { 100 }, batchSize = assetIds.Count, waitBetweenWaves = "00:00:00" },
            autonomy = "approve_all",
        });
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(request);
        var waiting = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        Assert.Equal(assetIds.Order(StringComparer.Ordinal), waiting.Assets.Select(a => a.AssetId).Order(StringComparer.Ordinal));
        Assert.InRange(waiting.ApprovalRequirement.RequiredApprovals, 1, 2);
        foreach (var approver in new[] { "bob", "carol" }.Take(waiting.ApprovalRequirement.RequiredApprovals))
        {
            using var client = host.CreateUserClient(approver, roles: Role.Engineer);
            var decided = await client.DecideRolloutAsync(id, "approve", $"{approver}: checked");
            Assert.True(decided.Status == HttpStatusCode.OK, decided.Body);
        }

        var done = await host.WaitForStatusAsync(id, RolloutStatus.Completed, TimeSpan.FromSeconds(120));
        Assert.Equal((assetIds.Count, 0), (done.Rollout.Progress.Done, done.Rollout.Progress.Failed));
        Assert.All(done.Assets, a => Assert.Equal((RolloutAssetStatus.Succeeded, true, NewVersion), (a.Status, a.Changed, a.ToVersion)));
        Assert.All(done.Assets, a =>
        {
            Assert.Matches(lastProgress, a.Progress);
            Assert.InRange(a.ProgressAt!.Value, a.StartedAt!.Value, a.FinishedAt!.Value);
        });
    }

    /// <summary>
    /// Sweeps <paramref name="source"/> through the API and waits for the run to succeed. The rollout's own
    /// follow-up sweep of the source may still be running (a 409): the sweep is asked for again once it has ended.
    /// </summary>
    public static async Task SweepAsync(QlrfHost host, string source)
    {
        var (status, body) = (HttpStatusCode.Conflict, string.Empty);
        await Eventually.TrueAsync(async () =>
        {
            (status, _, body) = await host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", JsonSerializer.Serialize(new { source }));
            return status != HttpStatusCode.Conflict || !body.Contains("already sweeping", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), $"the follow-up sweep of {source} to end");
        Assert.True(status == HttpStatusCode.Accepted, body);
        var run = await host.WaitForRunAsync(JsonSerializer.Deserialize<SweepRun>(body, QlrfHost.Json)!.Id);
        Assert.Equal((SweepStatus.Succeeded, source), (run.Status, run.Source));
        await host.WaitForQueueToDrainAsync();
    }

    /// <summary>The assets' versions in the inventory and their drift status.</summary>
    public static async Task<IReadOnlyList<(string Id, string? Family, string? Version, DriftStatus Drift)>> StateAsync(QlrfHost host, IEnumerable<string> assetIds)
    {
        var assets = (await host.AllAssetsAsync()).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var state = new List<(string, string?, string?, DriftStatus)>();
        foreach (var id in assetIds.Order(StringComparer.Ordinal))
        {
            var drift = await host.GetJsonAsync<AssetDriftDto>($"/api/v1/drift/assets/{Uri.EscapeDataString(id)}");
            state.Add((id, assets[id].Image?.Family, assets[id].Image?.Version, drift.Status));
        }

        return state;
    }

    private static async Task OkAsync(QlrfHost host, HttpMethod method, string path, string json)
    {
        var (status, _, body) = await host.SendAsync(method, path, json);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {(int)status} {body}");
    }
}
