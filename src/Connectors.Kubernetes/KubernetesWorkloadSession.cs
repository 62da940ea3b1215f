using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// One workload (Deployment, StatefulSet, DaemonSet) on one cluster and the client to reach it: read it, patch it, and
/// wait until its rollout is complete. Shared by the image executor and the certificate deployer, so a rollout is
/// judged one way: complete when the controller has seen the latest spec and every desired pod is updated and
/// available; failed at once on a Deployment's <c>ProgressDeadlineExceeded</c>; failed after the source's
/// <c>RolloutTimeout</c>. Errors name the workload.
/// </summary>
internal sealed class KubernetesWorkloadSession(k8s.Kubernetes client, WorkloadId id, string assetId, KubernetesSourceOptions options, bool ownsClient) : IDisposable
{
    public KubernetesSourceOptions Options => options;

    public string Describe => $"{id.KindName} {id.Namespace}/{id.Name} ('{assetId}')";

    public Task<KubernetesWorkload> ReadAsync(CancellationToken cancellationToken) => CallAsync(
        $"GET apis/apps/v1/namespaces/{id.Namespace}/{id.Resource}/{id.Name}",
        async () => id.Kind switch
        {
            "deployment" => KubernetesWorkload.Of(await client.AppsV1.ReadNamespacedDeploymentAsync(id.Name, id.Namespace, cancellationToken: cancellationToken), options.PrimaryContainerAnnotation),
            "statefulset" => KubernetesWorkload.Of(await client.AppsV1.ReadNamespacedStatefulSetAsync(id.Name, id.Namespace, cancellationToken: cancellationToken), options.PrimaryContainerAnnotation),
            _ => KubernetesWorkload.Of(await client.AppsV1.ReadNamespacedDaemonSetAsync(id.Name, id.Namespace, cancellationToken: cancellationToken), options.PrimaryContainerAnnotation),
        });

    /// <summary>Moves the primary container to <paramref name="image"/>, annotating the workload with the change's key and version.</summary>
    public Task PatchImageAsync(string container, string image, ImageChange change, CancellationToken cancellationToken) => PatchAsync(
        new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object>
            {
                ["annotations"] = new Dictionary<string, string> { [KubernetesExecutor.ChangeAnnotation] = change.IdempotencyKey, [KubernetesExecutor.VersionAnnotation] = change.ToVersion },
            },
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["containers"] = new[] { new Dictionary<string, string> { ["name"] = container, ["image"] = image } },
                    },
                },
            },
        },
        cancellationToken);

    /// <summary>Sets annotations of the pod template: a changed template is a rolling restart, as <c>kubectl rollout restart</c> does.</summary>
    public Task PatchTemplateAnnotationsAsync(IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken) => PatchAsync(
        new Dictionary<string, object>
        {
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object> { ["metadata"] = new Dictionary<string, object> { ["annotations"] = annotations } },
            },
        },
        cancellationToken);

    /// <summary>Polls the workload until its rollout is complete; throws on ProgressDeadlineExceeded or after the source's rollout timeout.</summary>
    public async Task WaitForRolloutAsync(IExecutorProgress? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var polls = Math.Max(1, (int)Math.Ceiling(Options.RolloutTimeout / Options.RolloutPollInterval));
        for (var poll = 0; ; poll++)
        {
            var workload = await ReadAsync(cancellationToken);
            await progress.ReportAsync($"Kubernetes rollout of {Describe}", workload.Progress, cancellationToken);
            if (workload.DeadlineExceeded is { } deadline)
            {
                throw new ExecutorException($"Kubernetes {Describe}: the rollout failed, condition Progressing=False reason ProgressDeadlineExceeded: {deadline.Message}");
            }

            if (workload.RolloutComplete)
            {
                return;
            }

            if (poll >= polls)
            {
                throw new ExecutorException($"Kubernetes {Describe}: the rollout was not complete after {Options.RolloutTimeout} ({workload.Progress}).");
            }

            await Task.Delay(Options.RolloutPollInterval, time, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private async Task PatchAsync(Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(JsonSerializer.Serialize(body), V1Patch.PatchType.StrategicMergePatch);
        await CallAsync<object>(
            $"PATCH apis/apps/v1/namespaces/{id.Namespace}/{id.Resource}/{id.Name}",
            async () => id.Kind switch
            {
                "deployment" => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, id.Name, id.Namespace, fieldManager: "qlrf", cancellationToken: cancellationToken),
                "statefulset" => await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, id.Name, id.Namespace, fieldManager: "qlrf", cancellationToken: cancellationToken),
                _ => await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, id.Name, id.Namespace, fieldManager: "qlrf", cancellationToken: cancellationToken),
            });
    }

    private async Task<T> CallAsync<T>(string call, Func<Task<T>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpOperationException ex)
        {
            var status = ex.Response?.StatusCode ?? 0;
            var error = ex.Response?.Content is { Length: > 0 } content ? KubernetesStatus.Describe(content) : ex.Message;
            var what = status == HttpStatusCode.NotFound ? "the workload does not exist" : "the API refused the call";
            throw new ExecutorException($"Kubernetes {Describe}: {call} failed, {what}: HTTP {(int)status} {error}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExecutorException($"Kubernetes {Describe}: {call} failed, the API server did not answer: {ex.Message}", ex);
        }
    }
}
