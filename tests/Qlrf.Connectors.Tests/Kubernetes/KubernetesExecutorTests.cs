using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Kubernetes;

public sealed class KubernetesExecutorTests : IAsyncLifetime
{
    private const string Digest1 = "sha256:9b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";
    private const string Digest2 = "sha256:1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e";
    private const string Checkout = "k8s://c1/payments/deployment/checkout";
    private const string CheckoutPath = "/apis/apps/v1/namespaces/payments/deployments/checkout";
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-exec-").FullName;
    private readonly InstantTimeProvider time = new();
    private FakeKubernetesApi api = null!;
    private KubernetesExecutor executor = null!;

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            current-context: c1
            clusters:
            - {"{"}name: c1, cluster: {"{"}server: "{api.BaseUrl}"{"}"}{"}"}
            contexts:
            - {"{"}name: c1, context: {"{"}cluster: c1, user: qlrf{"}"}{"}"}
            users:
            - {"{"}name: qlrf, user: {"{"}token: c1-secret-token{"}"}{"}"}
            """);
        var options = new KubernetesSourceOptions { RolloutPollInterval = TimeSpan.FromSeconds(2), RolloutTimeout = TimeSpan.FromSeconds(20) };
        options.Clusters.Add(new KubernetesClusterOptions { Name = "c1", Kubeconfig = kubeconfig });
        var clusters = new KubernetesClusters();
        clusters.Add("k8s", "acme", options);
        executor = new KubernetesExecutor(clusters, time, NullLogger<KubernetesExecutor>.Instance);
        api.Add("Deployment", "payments", "checkout", 3, ("checkout", $"registry.acme.example:5000/payments/checkout:2.8.1@{Digest1}"), ("envoy", "envoyproxy/envoy:v1.31.0"));
    }

    private static ImageChange Change(string assetId, string version, string? reference, string key = "rollout-7/apply/1") =>
        new("acme", assetId, "registry.acme.example:5000/payments/checkout", version, reference, key);

    [Fact]
    public void It_handles_only_kubernetes_assets_of_kubernetes_sources()
    {
        Assert.True(executor.Handles("k8s", Platform.Kubernetes));
        Assert.False(executor.Handles("k8s", Platform.Aws));
        Assert.False(executor.Handles("sandbox", Platform.Kubernetes));
    }

    [Fact]
    public async Task An_image_change_patches_the_primary_container_and_waits_for_the_rollout()
    {
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2) with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(true, "2.9.0"), outcome);
        Assert.Equal(2, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.Equal("Kubernetes rollout of Deployment payments/checkout ('" + Checkout + "')", r.Step));
        Assert.Contains("3 updated and 3 available of 3 desired", progress.Reports.Last().State, StringComparison.Ordinal);
        Assert.DoesNotContain("3 updated and 3 available", progress.Reports.First().State, StringComparison.Ordinal);
        var patch = Assert.Single(api.Requests, r => r.Method == "PATCH");
        Assert.Equal(CheckoutPath, patch.Path);
        Assert.Equal("application/strategic-merge-patch+json; charset=utf-8", patch.ContentType);
        var workload = api.Get(CheckoutPath);
        var containers = workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal($"registry.acme.example:5000/payments/checkout:2.9.0@{Digest2}", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("envoyproxy/envoy:v1.31.0", containers[1]!["image"]!.GetValue<string>());
        Assert.Equal("rollout-7/apply/1", workload["metadata"]!["annotations"]![KubernetesExecutor.ChangeAnnotation]!.GetValue<string>());
        Assert.Equal(4, workload["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(3, workload["status"]!["updatedReplicas"]!.GetValue<int>());
        Assert.Equal(3, api.Requests.Count(r => r.Method == "GET"));
        Assert.Single(time.Delays);
    }

    [Fact]
    public async Task A_retried_change_patches_nothing_and_a_rollback_patches_the_previous_image_back()
    {
        await executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2), CancellationToken.None);

        var retried = await executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2), CancellationToken.None);
        var rolledBack = await executor.ApplyImageAsync(Change(Checkout, "2.8.1", $"registry.acme.example:5000/payments/checkout@{Digest1}", "rollout-7/rollback/1"), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(false, "2.9.0"), retried);
        Assert.Equal(new ExecutionOutcome(true, "2.8.1"), rolledBack);
        Assert.Equal(2, api.Patches);
        var workload = api.Get(CheckoutPath);
        Assert.Equal($"registry.acme.example:5000/payments/checkout:2.8.1@{Digest1}", workload["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("rollout-7/rollback/1", workload["metadata"]!["annotations"]![KubernetesExecutor.ChangeAnnotation]!.GetValue<string>());
    }

    [Fact]
    public async Task The_annotated_primary_container_of_a_statefulset_and_a_daemonset_is_changed()
    {
        var postgres = api.Add("StatefulSet", "data", "postgres", 2, ("metrics", "quay.io/prometheus/postgres-exporter:v0.15.0"), ("postgres", $"postgres@{Digest1}"));
        postgres["metadata"]!["annotations"]!["qlrf.io/primary-container"] = "postgres";
        api.Add("DaemonSet", "monitoring", "node-exporter", 5, ("exporter", "quay.io/prometheus/node-exporter:v1.8.2"));

        var first = await executor.ApplyImageAsync(Change("k8s://c1/data/statefulset/postgres", "16.4", Digest2), CancellationToken.None);
        var second = await executor.ApplyImageAsync(Change("k8s://c1/monitoring/daemonset/node-exporter", "v1.9.0", $"quay.io/prometheus/node-exporter@{Digest2}"), CancellationToken.None);

        Assert.True(first.Changed && second.Changed);
        Assert.Equal($"postgres:16.4@{Digest2}", api.Get("/apis/apps/v1/namespaces/data/statefulsets/postgres")["spec"]!["template"]!["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
        Assert.Equal("quay.io/prometheus/postgres-exporter:v0.15.0", postgres["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        var exporter = api.Get("/apis/apps/v1/namespaces/monitoring/daemonsets/node-exporter");
        Assert.Equal($"quay.io/prometheus/node-exporter:v1.9.0@{Digest2}", exporter["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(5, exporter["status"]!["numberAvailable"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rollout_past_its_progress_deadline_fails_naming_the_condition()
    {
        api.FailRollouts = true;

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2), CancellationToken.None));

        Assert.Contains("Deployment payments/checkout", error.Message);
        Assert.Contains("Progressing=False reason ProgressDeadlineExceeded", error.Message);
        Assert.Contains("has timed out progressing", error.Message);
        var health = await executor.CheckHealthAsync("acme", Checkout, CancellationToken.None);
        Assert.Equal(AssetHealth.Unhealthy, health.Health);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried()
    {
        api.FailNext(429, "TooManyRequests", "too many requests, please try again later");
        api.FailNext(503, "ServiceUnavailable", "the server is currently unable to handle the request");
        api.FailNext(500, "InternalError", "etcdserver: request timed out");

        var outcome = await executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2), CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Equal(1, api.Patches);
        Assert.Equal(3 + 3, api.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_refused_call_fails_naming_the_asset_the_call_and_the_platforms_error()
    {
        api.FailNext(403, "Forbidden", "deployments.apps \"checkout\" is forbidden: User \"system:serviceaccount:qlrf:qlrf\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"payments\"");
        var read = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(Checkout, "2.9.0", Digest2), CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change("k8s://c1/payments/deployment/gone", "2.9.0", Digest2), CancellationToken.None));

        Assert.Contains("'k8s://c1/payments/deployment/checkout'", read.Message);
        Assert.Contains("GET apis/apps/v1/namespaces/payments/deployments/checkout", read.Message);
        Assert.Contains("HTTP 403 Forbidden: deployments.apps \"checkout\" is forbidden", read.Message);
        Assert.Contains("does not exist: HTTP 404 NotFound", missing.Message);
        Assert.Equal(0, api.Patches);
    }

    [Fact]
    public async Task A_change_without_a_kubernetes_reference_and_a_patch_set_are_refused()
    {
        var noReference = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(Checkout, "2.9.0", null), CancellationToken.None));
        var patchSet = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(new PatchSetChange("acme", Checkout, "ps-1", ["openssl"], false, "k"), CancellationToken.None));

        Assert.Contains("has no Kubernetes reference", noReference.Message);
        Assert.Contains("not patched in place", patchSet.Message);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Health_comes_from_ready_replicas()
    {
        var healthy = await executor.CheckHealthAsync("acme", Checkout, CancellationToken.None);
        api.Get(CheckoutPath)["status"]!["readyReplicas"] = 1;
        var degraded = await executor.CheckHealthAsync("acme", Checkout, CancellationToken.None);

        Assert.Equal((AssetHealth.Healthy, AssetState.Running, "2.8.1"), (healthy.Health, healthy.State, healthy.Version));
        Assert.Equal(AssetHealth.Degraded, degraded.Health);
        Assert.Equal("1 of 3 ready", degraded.Detail);
        Assert.All(api.Requests, r => Assert.Equal("GET", r.Method));
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
