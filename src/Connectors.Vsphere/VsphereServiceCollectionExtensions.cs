using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Vsphere;

public static class VsphereServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>vsphere</c>: VMs and their templates, across vCenters.</summary>
    public static IHostApplicationBuilder AddVsphereConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAssetSourceFactory, VsphereAssetSourceFactory>();
        return builder;
    }
}
