using System.Globalization;
using k8s.Models;
using Qlrf.Execution;
using Qlrf.Json;

namespace Qlrf.Connectors.Kubernetes.Dr;

public sealed partial class KubernetesDrExecutor
{
    /// <summary>The annotation holding the key of the last job of the kind (<c>failover</c> or <c>failback</c>) that scaled a deployment.</summary>
    public static string JobAnnotation(DrJobKind kind) => $"qlrf.io/dr-{EnumText<DrJobKind>.Of(kind).ToLowerInvariant()}";

    /// <summary>The annotation holding when that job scaled the deployment (round-trip UTC).</summary>
    public static string StartedAnnotation(DrJobKind kind) => JobAnnotation(kind) + "-started";

    public async Task<DrJob> StartJobAsync(DrJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is DrJobKind.Sync or DrJobKind.ResumeReplication)
        {
            return NoReplication(request);
        }

        if (request.Kind == DrJobKind.Failover && !request.TestFailover)
        {
            throw new ExecutorException(
                $"Kubernetes DR pair '{request.Scope.PairId}': only test failovers are supported (the deployments are scaled up in the recovery namespace; production traffic is not moved).");
        }

        using var recovery = Open(request.Scope);
        var now = time.GetUtcNow();
        foreach (var (name, settings) in recovery.Pair.Deployments)
        {
            var deployment = await recovery.ReadAsync(name, cancellationToken)
                ?? throw new ExecutorException($"Kubernetes DR pair '{request.Scope.PairId}': deployment {name} does not exist in namespace {recovery.Namespace} at cluster '{recovery.Cluster}'.");
            if (Annotation(deployment, request.Kind) == request.Key)
            {
                KubernetesDrLogs.AlreadyScaled(logger, request.Kind, request.Key, request.Scope.PairId, recovery.Namespace, name);
                continue;
            }

            var replicas = request.Kind == DrJobKind.Failover ? settings.Replicas : 0;
            var annotations = new Dictionary<string, string>
            {
                [JobAnnotation(request.Kind)] = request.Key,
                [StartedAnnotation(request.Kind)] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            };
            await recovery.ScaleAsync(name, replicas, annotations, cancellationToken);
            KubernetesDrLogs.Scaled(logger, request.Kind, request.Key, request.Scope.PairId, recovery.Namespace, name, replicas);
        }

        return await StatusAsync(recovery, request, cancellationToken)
            ?? throw new ExecutorException($"Kubernetes DR pair '{request.Scope.PairId}': the {EnumText<DrJobKind>.Of(request.Kind)} job '{request.Key}' was started but no deployment carries it.");
    }

    public async Task<DrJob> GetJobAsync(DrJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is DrJobKind.Sync or DrJobKind.ResumeReplication)
        {
            return NoReplication(request);
        }

        using var recovery = Open(request.Scope);
        return await StatusAsync(recovery, request, cancellationToken)
            ?? throw new ExecutorException($"Kubernetes DR pair '{request.Scope.PairId}' has no {EnumText<DrJobKind>.Of(request.Kind)} job '{request.Key}' at cluster '{recovery.Cluster}'.");
    }

    /// <summary>A sync or resume has nothing to do: the pair replicates no data. Done at once.</summary>
    private DrJob NoReplication(DrJobRequest request)
    {
        var now = time.GetUtcNow();
        return new DrJob(request.Key, request.Kind, DrJobState.Succeeded, now, now, "nothing to do: a Kubernetes pair replicates no data", TimeSpan.Zero);
    }

    /// <summary>The job as the deployments show it, or null when none carries its key.</summary>
    private async Task<DrJob?> StatusAsync(RecoveryCluster recovery, DrJobRequest request, CancellationToken cancellationToken)
    {
        var deployments = new List<(string Name, int Wanted, V1Deployment? Deployment)>();
        foreach (var (name, settings) in recovery.Pair.Deployments)
        {
            deployments.Add((name, request.Kind == DrJobKind.Failover ? settings.Replicas : 0, await recovery.ReadAsync(name, cancellationToken)));
        }

        var carrying = deployments.Where(d => d.Deployment is not null && Annotation(d.Deployment, request.Kind) == request.Key).ToList();
        if (carrying.Count == 0)
        {
            return null;
        }

        var startedAt = carrying.Select(d => Started(d.Deployment!, request.Kind)).Min();
        var lag = request.Kind == DrJobKind.Failover ? TimeSpan.Zero : (TimeSpan?)null;
        var at = $"namespace {recovery.Namespace} at cluster '{recovery.Cluster}'";
        var waiting = new List<string>();
        foreach (var (name, wanted, deployment) in deployments)
        {
            if (deployment is null)
            {
                return new DrJob(request.Key, request.Kind, DrJobState.Failed, startedAt, time.GetUtcNow(), $"deployment {name} no longer exists in {at}", lag);
            }

            if (DeadlineExceeded(deployment) is { } deadline)
            {
                return new DrJob(request.Key, request.Kind, DrJobState.Failed, startedAt, time.GetUtcNow(), $"deployment {name}: ProgressDeadlineExceeded: {deadline}", lag);
            }

            if (Annotation(deployment, request.Kind) != request.Key)
            {
                waiting.Add($"{name} not scaled yet");
            }
            else if (!Done(deployment, wanted))
            {
                waiting.Add($"{name} {deployment.Status?.ReadyReplicas ?? 0}/{wanted} ready");
            }
        }

        var what = request.Kind == DrJobKind.Failover
            ? $"test failover: {deployments.Count} deployment(s) scaled up in {at}"
            : $"failback: {deployments.Count} deployment(s) scaled to zero in {at}";
        if (waiting.Count > 0)
        {
            return new DrJob(request.Key, request.Kind, DrJobState.Running, startedAt, null, $"{what}; waiting: {string.Join(", ", waiting)}", lag);
        }

        return new DrJob(request.Key, request.Kind, DrJobState.Succeeded, startedAt, FinishedAt(deployments.Select(d => d.Deployment!), startedAt), what, lag);
    }

    /// <summary>Whether the controller has brought the deployment to the wanted replicas, all ready (or none left).</summary>
    private static bool Done(V1Deployment deployment, int wanted) =>
        Settled(deployment) && (deployment.Spec?.Replicas ?? 1) == wanted && (wanted == 0
            ? (deployment.Status?.Replicas ?? 0) == 0
            : (deployment.Status?.ReadyReplicas ?? 0) >= wanted && (deployment.Status?.UpdatedReplicas ?? 0) >= wanted);

    /// <summary>
    /// When the job finished, by the platform: the latest condition timestamp (Available's transition, Progressing's update)
    /// of the deployments, when it is not before the start; else now, when it was seen finished.
    /// </summary>
    private DateTimeOffset FinishedAt(IEnumerable<V1Deployment> deployments, DateTimeOffset startedAt)
    {
        var latest = deployments
            .SelectMany(d => d.Status?.Conditions ?? [])
            .SelectMany(c => new[] { c.Type == "Available" && c.Status == "True" ? c.LastTransitionTime : null, c.Type == "Progressing" ? c.LastUpdateTime : null })
            .Where(t => t is not null)
            .Select(t => Utc(t!.Value))
            .DefaultIfEmpty(DateTimeOffset.MinValue)
            .Max();
        return latest >= startedAt ? latest : time.GetUtcNow();
    }

    private static string? Annotation(V1Deployment deployment, DrJobKind kind) =>
        deployment.Metadata?.Annotations?.TryGetValue(JobAnnotation(kind), out var value) == true ? value : null;

    private DateTimeOffset Started(V1Deployment deployment, DrJobKind kind) =>
        deployment.Metadata?.Annotations?.TryGetValue(StartedAnnotation(kind), out var value) == true
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started)
            ? started
            : time.GetUtcNow();
}
