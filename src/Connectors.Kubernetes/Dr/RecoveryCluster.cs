using k8s;
using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes.Dr;

/// <summary>A pair's recovery namespace on its cluster, and the client to reach it: reads and scales its deployments.</summary>
internal sealed class RecoveryCluster(k8s.Kubernetes client, string pairId, string cluster, KubernetesDrPairOptions pair) : IDisposable
{
    public KubernetesDrPairOptions Pair => pair;

    public string Namespace => pair.Namespace!;

    public string Cluster => cluster;

    /// <summary>The deployment, or null when the namespace has none of that name.</summary>
    public async Task<V1Deployment?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync($"GET apis/apps/v1/namespaces/{Namespace}/deployments/{name}", () => client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken));
        }
        catch (ExecutorException ex) when (ex.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>Sets the deployment's replicas and annotations in one strategic merge patch.</summary>
    public async Task ScaleAsync(string name, int replicas, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object> { ["annotations"] = annotations },
            ["spec"] = new Dictionary<string, object> { ["replicas"] = replicas },
        };
        var patch = new V1Patch(JsonSerializer.Serialize(body), V1Patch.PatchType.StrategicMergePatch);
        await CallAsync(
            $"PATCH apis/apps/v1/namespaces/{Namespace}/deployments/{name}",
            () => client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, Namespace, fieldManager: "qlrf", cancellationToken: cancellationToken));
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
            throw new ExecutorException($"Kubernetes DR pair '{pairId}' at cluster '{cluster}': {call} failed: HTTP {(int)status} {error}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExecutorException($"Kubernetes DR pair '{pairId}' at cluster '{cluster}': {call} failed, the API server did not answer: {ex.Message}", ex);
        }
    }

    public void Dispose() => client.Dispose();
}
