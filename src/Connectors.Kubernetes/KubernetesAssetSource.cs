using System.Net;
using System.Text.Json;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Discovers Deployments, StatefulSets and DaemonSets in every configured cluster, page by page with
/// continue tokens. A cluster that cannot be read makes the sweep partial.
/// </summary>
public sealed class KubernetesAssetSource : IAssetSource
{
    private static readonly (string Resource, string Kind)[] Kinds = [("deployments", "Deployment"), ("statefulsets", "StatefulSet"), ("daemonsets", "DaemonSet")];
    private readonly AssetSourceDefinition definition;
    private readonly KubernetesSourceOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly WorkloadMapper mapper;

    internal KubernetesAssetSource(AssetSourceDefinition definition, KubernetesSourceOptions options, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.time = time;
        this.logger = logger;
        mapper = new WorkloadMapper(options);
    }

    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken) =>
        ScopeSweep.RunAsync(
            Name,
            options.Clusters,
            options.MaxParallelScopes,
            sink,
            logger,
            "kubernetes",
            c => new SweepScope($"{Name}/{c.Name}", $"cluster {c.Name}"),
            ReadClusterAsync,
            cancellationToken);

    private async Task ReadClusterAsync(KubernetesClusterOptions cluster, ISweepSink sink, CancellationToken cancellationToken)
    {
        var name = cluster.Name!;
        using var client = KubernetesConnection.Create(cluster, options.Http, time, logger);
        sink.AddSite(new Site(WorkloadMapper.SiteName(name), Platform.Kubernetes, cluster.Region, cluster.SiteKind));
        var count = 0;
        var namespaces = options.Namespaces.Count == 0 ? [null] : options.Namespaces.Cast<string?>().ToList();
        foreach (var (resource, kind) in Kinds)
        {
            foreach (var ns in namespaces)
            {
                string? continueToken = null;
                do
                {
                    var (items, next) = await ListAsync(client, resource, ns, continueToken, $"list {resource} {name}", cancellationToken);
                    foreach (var workload in items)
                    {
                        sink.AddAsset(mapper.Map(name, kind, workload));
                        count++;
                    }

                    if (!string.IsNullOrEmpty(next) && next == continueToken)
                    {
                        throw new MalformedResponseException($"list {resource} {name}", "the same continue token came back twice; paging would not end.");
                    }

                    continueToken = string.IsNullOrEmpty(next) ? null : next;
                }
                while (continueToken is not null);
            }
        }

        KubernetesLogs.ClusterRead(logger, Name, count, name);
    }

    private async Task<(IReadOnlyList<Workload> Items, string? Continue)> ListAsync(
        k8s.Kubernetes client, string resource, string? ns, string? continueToken, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await KubernetesWorkloadLists.ListAsync(client, resource, ns, continueToken, options.PageSize, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
        {
            throw new ConnectorException($"the continue token of the {resource} list expired before its last page (HTTP 410); the next sweep starts the list afresh.", ex);
        }
        catch (HttpOperationException ex)
        {
            var status = ex.Response?.StatusCode ?? 0;
            var error = ex.Response?.Content is { Length: > 0 } content ? KubernetesStatus.Describe(content) : ex.Message;
            throw new ConnectorHttpException(operation, status, error);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new MalformedResponseException(operation, ex.Message, ex);
        }
    }
}
