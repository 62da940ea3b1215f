using Microsoft.Extensions.Hosting;
using Qlrf.Connectors.Aws;
using Qlrf.Connectors.Azure;
using Qlrf.Connectors.Azure.Certificates;
using Qlrf.Connectors.Gcp;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Vsphere;

namespace Qlrf.Connectors;

public static class CloudConnectors
{
    /// <summary>
    /// Registers the platform connectors beside the sandbox: asset sources of kinds <c>aws</c>, <c>azure</c>,
    /// <c>gcp</c>, <c>vsphere</c> and <c>kubernetes</c>, and certificate sources of kind <c>key-vault</c>. A source of
    /// each kind sweeps only when configured under <c>Qlrf:Discovery:Sources</c> or <c>Qlrf:Certificates:Sources</c>.
    /// </summary>
    public static IHostApplicationBuilder AddCloudConnectors(this IHostApplicationBuilder builder)
    {
        builder.AddAwsConnector();
        builder.AddAzureConnector();
        builder.AddKeyVaultCertificates();
        builder.AddGcpConnector();
        builder.AddVsphereConnector();
        builder.AddKubernetesConnector();
        return builder;
    }

    /// <summary>
    /// Registers the platforms' executors, which change the assets of configured <c>aws</c>, <c>azure</c>, <c>gcp</c> and <c>kubernetes</c>
    /// sources, for the hosts that run rollouts or check rollout requests (not the discovery app). Assets of the
    /// other platforms have no executor yet: a rollout of them is refused when requested.
    /// </summary>
    public static IHostApplicationBuilder AddCloudExecutors(this IHostApplicationBuilder builder)
    {
        builder.AddAwsExecutor();
        builder.AddAzureExecutor();
        builder.AddGcpExecutor();
        builder.AddKubernetesExecutor();
        builder.AddKubernetesDrExecutor();
        return builder;
    }
}
