using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Kubernetes.Dr;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Kubernetes.Dr;

public sealed class KubernetesDrExecutorTests : IAsyncLifetime
{
    private const string CheckoutPath = "/apis/apps/v1/namespaces/payments-dr/deployments/checkout";
    private const string CartPath = "/apis/apps/v1/namespaces/payments-dr/deployments/cart";
    private const string Checkout = "k8s://c1/payments/deployment/checkout";
    private const string Cart = "k8s://c1/payments/deployment/cart";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-dr-").FullName;
    private readonly InstantTimeProvider time = new(Start);
    private FakeKubernetesApi api = null!;
    private KubernetesDrExecutor executor = null!;

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
            - {"{"}name: c2, cluster: {"{"}server: "{api.BaseUrl}"{"}"}{"}"}
            contexts:
            - {"{"}name: c1, context: {"{"}cluster: c1, user: qlrf{"}"}{"}"}
            - {"{"}name: c2, context: {"{"}cluster: c2, user: qlrf{"}"}{"}"}
            users:
            - {"{"}name: qlrf, user: {"{"}token: secret-token{"}"}{"}"}
            """);
        var options = new KubernetesSourceOptions();
        options.Clusters.Add(new KubernetesClusterOptions { Name = "c1", Kubeconfig = kubeconfig, Context = "c1" });
        options.Clusters.Add(new KubernetesClusterOptions { Name = "c2", Kubeconfig = kubeconfig, Context = "c2" });
        var pair = new KubernetesDrPairOptions { Namespace = "payments-dr" };
        pair.Deployments["checkout"] = new KubernetesDrDeploymentOptions { Replicas = 2 };
        pair.Deployments["checkout"].Probes.Add($"{api.BaseUrl}/probe/checkout");
        pair.Deployments["cart"] = new KubernetesDrDeploymentOptions { Replicas = 1 };
        options.Dr.Pairs["pair-1"] = pair;
        var broken = new KubernetesDrPairOptions { Namespace = "payments-dr" };
        broken.Deployments["ledger"] = new KubernetesDrDeploymentOptions();
        options.Dr.Pairs["pair-2"] = broken;
        var clusters = new KubernetesClusters();
        clusters.Add("k8s", "acme", options);
        executor = new KubernetesDrExecutor(clusters, new ProbeClients(), time, NullLogger<KubernetesDrExecutor>.Instance);
        api.Add("Deployment", "payments-dr", "checkout", 0, ("checkout", "registry.acme.example/payments/checkout:2.8.1"));
        api.Add("Deployment", "payments-dr", "cart", 0, ("cart", "registry.acme.example/payments/cart:1.4.0"));
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static DrScope Scope(string pairId = "pair-1") => new("acme", pairId, "k8s-c1", "k8s-c2", [Checkout, Cart]);

    private static DrJobRequest Request(DrJobKind kind, string drillId = "drill-1", bool test = true) => new(Scope(), kind, drillId, test);

    private static int Replicas(FakeKubernetesApi api, string path) => api.Get(path)["spec"]!["replicas"]!.GetValue<int>();

    private async Task<DrJob> FailOverAsync()
    {
        await executor.StartJobAsync(Request(DrJobKind.Failover), CancellationToken.None);
        api.Now = Start.AddMinutes(3).AddSeconds(10);
        return await executor.GetJobAsync(Request(DrJobKind.Failover), CancellationToken.None);
    }

    [Fact]
    public void It_handles_pairs_of_two_cluster_sites_of_the_organisation_and_protects_kubernetes_workloads_only()
    {
        Assert.True(executor.Handles("acme", "k8s-c1", "k8s-c2"));
        Assert.False(executor.Handles("acme", "k8s-c1", "k8s-c3"));
        Assert.False(executor.Handles("acme", "aws-eu-west-1", "k8s-c2"));
        Assert.False(executor.Handles("globex", "k8s-c1", "k8s-c2"));
        Assert.True(executor.Protects("k8s", Platform.Kubernetes).IsSupported);
        Assert.False(executor.Protects("aws", Platform.Aws).IsSupported);
    }

    [Fact]
    public async Task A_test_failover_scales_the_recovery_deployments_up_and_finishes_at_the_platforms_timestamp()
    {
        var started = await executor.StartJobAsync(Request(DrJobKind.Failover), CancellationToken.None);

        Assert.Equal(DrJobState.Running, started.State);
        Assert.Equal(Start, started.StartedAt);
        Assert.Equal(2, Replicas(api, CheckoutPath));
        Assert.Equal(1, Replicas(api, CartPath));
        Assert.Equal("drill-1:Failover", api.Get(CheckoutPath)["metadata"]!["annotations"]![KubernetesDrExecutor.JobAnnotation(DrJobKind.Failover)]!.GetValue<string>());
        Assert.All(api.Requests.Where(r => r.Method == "PATCH"), r => Assert.StartsWith("/apis/apps/v1/namespaces/payments-dr/", r.Path, StringComparison.Ordinal));

        api.Now = Start.AddMinutes(3).AddSeconds(10);
        var done = await executor.GetJobAsync(Request(DrJobKind.Failover), CancellationToken.None);

        Assert.Equal(DrJobState.Succeeded, done.State);
        Assert.Equal(Start, done.StartedAt);
        Assert.Equal(Start.AddMinutes(3).AddSeconds(10), done.FinishedAt);
        Assert.Equal(TimeSpan.Zero, done.LagAtStart);
    }

    [Fact]
    public async Task A_retried_start_with_the_same_key_scales_nothing_again()
    {
        await FailOverAsync();

        var retried = await executor.StartJobAsync(Request(DrJobKind.Failover), CancellationToken.None);

        Assert.Equal(2, api.Patches);
        Assert.Equal(DrJobState.Succeeded, retried.State);
        Assert.Equal(Start, retried.StartedAt);
        await Assert.ThrowsAsync<ExecutorException>(() => executor.GetJobAsync(Request(DrJobKind.Failover, "drill-2"), CancellationToken.None));
    }

    [Fact]
    public async Task Failback_scales_the_recovery_deployments_to_zero()
    {
        await FailOverAsync();

        var started = await executor.StartJobAsync(Request(DrJobKind.Failback), CancellationToken.None);
        api.Now = Start.AddMinutes(5);
        var done = await executor.GetJobAsync(Request(DrJobKind.Failback), CancellationToken.None);

        Assert.Equal(DrJobState.Running, started.State);
        Assert.Equal(0, Replicas(api, CheckoutPath));
        Assert.Equal(0, Replicas(api, CartPath));
        Assert.Equal(DrJobState.Succeeded, done.State);
        Assert.Equal(Start.AddMinutes(5), done.FinishedAt);
        Assert.Equal(4, api.Patches);
    }

    [Fact]
    public async Task The_recovery_check_reports_each_workload_by_readiness_and_its_probes()
    {
        await FailOverAsync();
        api.Answers["/probe/checkout"] = 200;

        var passing = await executor.CheckRecoveryAsync(Scope(), "drill-1", CancellationToken.None);
        api.Answers["/probe/checkout"] = 503;
        var failing = await executor.CheckRecoveryAsync(Scope(), "drill-1", CancellationToken.None);
        var otherDrill = await executor.CheckRecoveryAsync(Scope(), "drill-2", CancellationToken.None);

        Assert.True(passing.AllHealthy);
        Assert.Equal(Start.AddMinutes(3).AddSeconds(10), passing.Workloads[0].HealthySince);
        var checkout = failing.Workloads.Single(w => w.AssetId == Checkout);
        Assert.Equal(WorkloadState.Unhealthy, checkout.State);
        Assert.Contains("HTTP 503", checkout.Detail, StringComparison.Ordinal);
        Assert.Equal(WorkloadState.Healthy, failing.Workloads.Single(w => w.AssetId == Cart).State);
        Assert.All(otherDrill.Workloads, w => Assert.Equal(WorkloadState.Missing, w.State));
    }

    [Fact]
    public async Task A_deployment_not_all_ready_is_starting_and_its_probes_are_not_run()
    {
        await FailOverAsync();
        api.Get(CheckoutPath)["status"]!["readyReplicas"] = 1;

        var check = await executor.CheckRecoveryAsync(Scope(), "drill-1", CancellationToken.None);

        var checkout = check.Workloads.Single(w => w.AssetId == Checkout);
        Assert.Equal(WorkloadState.Starting, checkout.State);
        Assert.Contains("1 of 2 ready", checkout.Detail, StringComparison.Ordinal);
        Assert.Equal(WorkloadState.Healthy, check.Workloads.Single(w => w.AssetId == Cart).State);
        Assert.DoesNotContain(api.Requests, r => r.Path == "/probe/checkout");
    }

    [Fact]
    public async Task A_planned_failover_is_refused_and_a_sync_has_nothing_to_do()
    {
        await Assert.ThrowsAsync<ExecutorException>(() => executor.StartJobAsync(Request(DrJobKind.Failover, test: false), CancellationToken.None));
        var sync = await executor.StartJobAsync(Request(DrJobKind.Sync), CancellationToken.None);

        Assert.Equal(DrJobState.Succeeded, sync.State);
        Assert.Equal(0, api.Patches);
    }

    [Fact]
    public async Task Replication_runs_while_the_recovery_deployments_exist_and_the_site_answers()
    {
        var running = await executor.GetReplicationAsync(Scope(), CancellationToken.None);
        var broken = await executor.GetReplicationAsync(Scope("pair-2"), CancellationToken.None);
        var site = await executor.GetSiteStatusAsync("acme", "k8s-c2", CancellationToken.None);
        var unknown = await executor.GetSiteStatusAsync("acme", "k8s-c9", CancellationToken.None);

        Assert.Equal(ReplicationState.Replicating, running.State);
        Assert.Equal(TimeSpan.Zero, running.Lag);
        Assert.Equal(ReplicationState.Broken, broken.State);
        Assert.Contains("ledger", broken.Detail, StringComparison.Ordinal);
        Assert.True(site.Healthy, site.Detail);
        Assert.False(unknown.Healthy);
    }

    private sealed class ProbeClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
