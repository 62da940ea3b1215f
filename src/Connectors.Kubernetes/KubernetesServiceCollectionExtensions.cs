using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>kubernetes</c>: Deployments, StatefulSets and DaemonSets across clusters.</summary>
    public static IHostApplicationBuilder AddKubernetesConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAssetSourceFactory, KubernetesAssetSourceFactory>();
        return builder;
    }
}
