using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>kubernetes</c>: Deployments, StatefulSets and DaemonSets across clusters.</summary>
    public static IHostApplicationBuilder AddKubernetesConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KubernetesClusters>();
        builder.Services.AddSingleton<IAssetSourceFactory, KubernetesAssetSourceFactory>();
        return builder;
    }

    /// <summary>
    /// Registers the executor that changes the workloads of the <c>kubernetes</c> sources (image changes; patch sets
    /// are refused). Call after <see cref="AddKubernetesConnector"/>, in hosts that run rollouts.
    /// </summary>
    public static IHostApplicationBuilder AddKubernetesExecutor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KubernetesClusters>();
        builder.Services.AddSingleton<IPlatformExecutor, KubernetesExecutor>();
        return builder;
    }
}
