using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors.Kubernetes.Dr;
using Qlrf.Discovery;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Registers asset sources of kind <c>kubernetes</c> (Deployments, StatefulSets and DaemonSets across clusters) and
    /// certificate sources of kind <c>kubernetes</c> (TLS secrets, the ingresses and workloads referencing them), and the
    /// certificate deployer that writes a rotated store certificate into the TLS secrets holding copies of it and restarts
    /// the workloads that mount them (needs the store's <see cref="Qlrf.Certificates.ICertificateMaterialSource"/>), and secret
    /// sources of kind <c>kubernetes</c> (Opaque secrets as metadata only, and the workloads referencing them).
    /// </summary>
    public static IHostApplicationBuilder AddKubernetesConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KubernetesClusters>();
        builder.Services.AddSingleton<IAssetSourceFactory, KubernetesAssetSourceFactory>();
        builder.Services.AddSingleton<Qlrf.Certificates.ICertificateSourceFactory, Certificates.KubernetesCertificateSourceFactory>();
        builder.Services.AddSingleton<Qlrf.Certificates.ICertificateDeployer, Certificates.KubernetesCertificateDeployer>();
        builder.Services.AddSingleton<Qlrf.Secrets.ISecretSourceFactory, Secrets.KubernetesSecretSourceFactory>();
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

    /// <summary>
    /// Registers the DR executor for pairs of two Kubernetes clusters (test failover scales the pair's deployments up in
    /// the recovery namespace; settings under the recovery cluster's source, <c>Dr:Pairs:{pairId}</c>). Call after
    /// <see cref="AddKubernetesConnector"/>, in hosts that run drills.
    /// </summary>
    public static IHostApplicationBuilder AddKubernetesDrExecutor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KubernetesClusters>();
        builder.Services.AddHttpClient(KubernetesDrExecutor.ProbeClient);
        builder.Services.AddSingleton<IDrExecutor, KubernetesDrExecutor>();
        return builder;
    }
}
