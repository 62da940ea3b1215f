using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Kubernetes.Dr;

/// <summary>
/// Drills DR pairs between two Kubernetes clusters of the configured <c>kubernetes</c> sources. A test failover scales the
/// pair's deployments up in their own namespace at the recovery cluster (production is untouched) and is done when all
/// are ready; failback scales them to zero again. Job state lives in annotations on the deployments, so a retried start
/// finds the job it started. Completion times are the platform's (the deployments' condition timestamps). The pair's
/// validation probes (HTTP GETs, 2xx passes) decide whether a ready workload is healthy. Settings:
/// <c>Qlrf:Discovery:Sources:{name}:Dr:Pairs:{pairId}</c> of the source holding the recovery cluster.
/// </summary>
public sealed partial class KubernetesDrExecutor(
    KubernetesClusters clusters,
    IHttpClientFactory http,
    TimeProvider time,
    ILogger<KubernetesDrExecutor> logger) : IDrExecutor
{
    /// <summary>The name of the HTTP client the validation probes use.</summary>
    public const string ProbeClient = "qlrf-kubernetes-dr-probes";

    public bool Handles(string organisation, string primarySite, string recoverySite) =>
        clusters.FindSite(organisation, primarySite) is not null && clusters.FindSite(organisation, recoverySite) is not null;

    /// <summary>Only Kubernetes workloads fail over to a Kubernetes cluster.</summary>
    public ExecutorSupport Protects(string source, Platform platform) => platform == Platform.Kubernetes
        ? ExecutorSupport.Supported
        : ExecutorSupport.Unsupported("a Kubernetes DR pair fails over only Kubernetes workloads (its deployments at the recovery cluster)");

    public async Task<DrSiteStatus> GetSiteStatusAsync(string organisation, string site, CancellationToken cancellationToken)
    {
        if (clusters.FindSite(organisation, site) is not { } found)
        {
            return new DrSiteStatus(site, false, $"'{site}' is not a cluster site of any kubernetes source of {organisation}.", time.GetUtcNow());
        }

        try
        {
            using var client = KubernetesConnection.Create(found.Cluster, found.Source.Http, time, logger);
            var version = await client.Version.GetCodeAsync(cancellationToken);
            return new DrSiteStatus(site, true, $"API server {version.GitVersion} answers", time.GetUtcNow());
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            return new DrSiteStatus(site, false, $"the API server of cluster '{found.Cluster.Name}' does not answer: {ex.Message}", time.GetUtcNow());
        }
    }

    /// <summary>
    /// Kubernetes pairs replicate no data of their own: the recovery side is the pair's deployments, kept at the recovery
    /// cluster scaled to zero. Replication is reported running (lag zero) while all of them exist there, broken otherwise.
    /// </summary>
    public async Task<ReplicationStatus> GetReplicationAsync(DrScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var recovery = Open(scope);
        var missing = new List<string>();
        foreach (var name in recovery.Pair.Deployments.Keys)
        {
            if (await recovery.ReadAsync(name, cancellationToken) is null)
            {
                missing.Add(name);
            }
        }

        var now = time.GetUtcNow();
        return missing.Count == 0
            ? new ReplicationStatus(ReplicationState.Replicating, TimeSpan.Zero, $"no data replication: {recovery.Pair.Deployments.Count} deployment(s) stand by in {recovery.Namespace} at cluster '{recovery.Cluster}'", now)
            : new ReplicationStatus(ReplicationState.Broken, TimeSpan.Zero, $"deployment(s) {string.Join(", ", missing)} missing from namespace {recovery.Namespace} at cluster '{recovery.Cluster}'", now);
    }

    public async Task<RecoveryCheck> CheckRecoveryAsync(DrScope scope, string drillId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var recovery = Open(scope);
        var checks = new List<WorkloadCheck>();
        foreach (var assetId in scope.Workloads)
        {
            checks.Add(await CheckAsync(recovery, assetId, drillId, cancellationToken));
        }

        return new RecoveryCheck(time.GetUtcNow(), checks);
    }

    private async Task<WorkloadCheck> CheckAsync(RecoveryCluster recovery, string assetId, string drillId, CancellationToken cancellationToken)
    {
        var at = $"{recovery.Namespace} at cluster '{recovery.Cluster}'";
        var name = assetId.StartsWith("k8s://", StringComparison.Ordinal) && assetId.Split('/') is { Length: 6 } parts && parts[4] == "deployment" ? parts[5] : null;
        if (name is null || !recovery.Pair.Deployments.TryGetValue(name, out var settings))
        {
            return new WorkloadCheck(assetId, WorkloadState.Missing, null, $"the pair has no recovery deployment for it in {at}");
        }

        if (await recovery.ReadAsync(name, cancellationToken) is not { } deployment)
        {
            return new WorkloadCheck(assetId, WorkloadState.Missing, null, $"deployment {name} does not exist in {at}");
        }

        if (Annotation(deployment, DrJobKind.Failover) is not { } key || !key.StartsWith(drillId + ":", StringComparison.Ordinal) || (deployment.Spec?.Replicas ?? 0) == 0)
        {
            return new WorkloadCheck(assetId, WorkloadState.Missing, null, $"deployment {name} in {at} is not scaled up by this drill");
        }

        if (DeadlineExceeded(deployment) is { } deadline)
        {
            return new WorkloadCheck(assetId, WorkloadState.Unhealthy, null, $"deployment {name}: ProgressDeadlineExceeded: {deadline}");
        }

        var ready = deployment.Status?.ReadyReplicas ?? 0;
        if (!Settled(deployment) || ready < settings.Replicas)
        {
            return new WorkloadCheck(assetId, WorkloadState.Starting, null, $"deployment {name}: {ready} of {settings.Replicas} ready in {at}");
        }

        using var client = http.CreateClient(ProbeClient);
        var failures = new List<string>();
        foreach (var url in settings.Probes)
        {
            if (await KubernetesDrProbe.RunAsync(client, url, recovery.Pair.ProbeTimeout, cancellationToken) is { } failure)
            {
                failures.Add(failure);
            }
        }

        KubernetesDrLogs.Probed(logger, assetId, settings.Probes.Count, failures.Count);
        if (failures.Count > 0)
        {
            return new WorkloadCheck(assetId, WorkloadState.Unhealthy, null, $"deployment {name} is ready but {failures.Count} of {settings.Probes.Count} probe(s) fail: {string.Join("; ", failures)}");
        }

        var since = Condition(deployment, "Available") is { Status: "True", LastTransitionTime: { } t } ? Utc(t) : (DateTimeOffset?)null;
        return new WorkloadCheck(assetId, WorkloadState.Healthy, since, settings.Probes.Count == 0
            ? $"deployment {name}: {ready} ready in {at} (no probes configured)"
            : $"deployment {name}: {ready} ready in {at}; {settings.Probes.Count} probe(s) pass");
    }

    /// <summary>The pair's recovery namespace, from the settings of the source holding the recovery cluster.</summary>
    private RecoveryCluster Open(DrScope scope)
    {
        var found = clusters.FindSite(scope.Organisation, scope.RecoverySite)
            ?? throw new ExecutorException($"Kubernetes DR pair '{scope.PairId}': '{scope.RecoverySite}' is not a cluster site of any kubernetes source of {scope.Organisation}.");
        if (!found.Source.Dr.Pairs.TryGetValue(scope.PairId, out var pair) || string.IsNullOrWhiteSpace(pair.Namespace) || pair.Deployments.Count == 0)
        {
            throw new ExecutorException(
                $"Kubernetes DR pair '{scope.PairId}': the source of cluster '{found.Cluster.Name}' has no Dr:Pairs:{scope.PairId} settings with a Namespace and at least one deployment.");
        }

        try
        {
            return new RecoveryCluster(KubernetesConnection.Create(found.Cluster, found.Source.Http, time, logger), scope.PairId, found.Cluster.Name!, pair);
        }
        catch (ConnectorException ex)
        {
            throw new ExecutorException($"Kubernetes DR pair '{scope.PairId}': cannot connect to cluster '{found.Cluster.Name}': {ex.Message}", ex);
        }
    }

    private static V1DeploymentCondition? Condition(V1Deployment deployment, string type) =>
        deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static string? DeadlineExceeded(V1Deployment deployment) =>
        Condition(deployment, "Progressing") is { Status: "False", Reason: "ProgressDeadlineExceeded" } c ? c.Message ?? c.Reason : null;

    /// <summary>Whether the controller has seen the latest spec.</summary>
    private static bool Settled(V1Deployment deployment) =>
        (deployment.Status?.ObservedGeneration ?? 0) >= (deployment.Metadata?.Generation ?? 0);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
