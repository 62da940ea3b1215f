using Qlrf.Connectors.Tests.Kubernetes;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Rollouts.Platforms;

/// <summary>
/// An approved rollout of Kubernetes workloads through the host and the Kubernetes executor against one fake apps/v1 API
/// that discovery lists too: each workload is patched to the target digest once, and the next sweep shows the new version.
/// </summary>
public sealed class KubernetesRolloutTests : IAsyncLifetime
{
    private const string Family = "fleet-web";
    private const string OldDigest = "sha256:9b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";
    private const string NewDigest = "sha256:1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e";
    private static readonly (string Kind, string Name)[] Workloads = [("Deployment", "web"), ("Deployment", "api"), ("StatefulSet", "cache"), ("DaemonSet", "agent")];
    private readonly HostDirectory directory = new();
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-rollout-").FullName;
    private FakeKubernetesApi api = null!;
    private QlrfHost host = null!;

    private static IReadOnlyList<string> AssetIds => [.. Workloads.Select(w => $"k8s://c1/shop/{w.Kind.ToLowerInvariant()}/{w.Name}")];

    private static string PathOf((string Kind, string Name) workload) => $"/apis/apps/v1/namespaces/shop/{workload.Kind.ToLowerInvariant()}s/{workload.Name}";

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        foreach (var workload in Workloads)
        {
            var added = api.Add(workload.Kind, "shop", workload.Name, 2, (workload.Name, $"{Family}:{PlatformRollout.OldVersion}@{OldDigest}"), ("envoy", "envoyproxy/envoy:v1.31.0"));
            added["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["environment"] = "dev" };
        }

        var kubeconfig = Path.Combine(folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            current-context: c1
            clusters:
            - name: c1
              cluster:
                server: "{api.BaseUrl}"
            contexts:
            - name: c1
              context:
                cluster: c1
                user: qlrf
            users:
            - name: qlrf
              user:
                token: c1-secret-token
            """);
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
            ["Qlrf:Discovery:Sources:k8s-shop:Kind"] = "kubernetes",
            ["Qlrf:Discovery:Sources:k8s-shop:Clusters:0:Name"] = "c1",
            ["Qlrf:Discovery:Sources:k8s-shop:Clusters:0:Kubeconfig"] = kubeconfig,
            ["Qlrf:Discovery:Sources:k8s-shop:RolloutPollInterval"] = "00:00:00.100",
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        await PlatformRollout.RegisterFamilyAsync(host, Family, "kubernetes", OldDigest, NewDigest);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
        directory.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_approved_rollout_patches_each_workload_once_and_the_next_sweep_shows_the_new_version()
    {
        var before = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(before, a => Assert.Equal((Family, PlatformRollout.OldVersion, DriftStatus.Outdated), (a.Family, a.Version, a.Drift)));

        await PlatformRollout.RollOutAsync(host, Family, AssetIds, @"^Kubernetes rollout of \w+ \S+ \(.+\): observed generation (\d+) of \1, (\d+) updated and \2 available of \2 desired");

        Assert.Equal(Workloads.Select(PathOf).Order(StringComparer.Ordinal), api.PatchesByPath.Keys.Order(StringComparer.Ordinal));
        Assert.All(api.PatchesByPath.Values, patches => Assert.Equal(1, patches));
        foreach (var workload in Workloads)
        {
            var containers = api.Get(PathOf(workload))["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
            Assert.EndsWith("@" + NewDigest, containers[0]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("envoyproxy/envoy:v1.31.0", containers[1]!["image"]!.GetValue<string>());
        }

        await PlatformRollout.SweepAsync(host, "k8s-shop");

        var after = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(after, a => Assert.Equal((Family, PlatformRollout.NewVersion, DriftStatus.Compliant), (a.Family, a.Version, a.Drift)));
    }
}
