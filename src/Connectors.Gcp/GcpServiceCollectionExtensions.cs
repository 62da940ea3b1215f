using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Gcp;

public static class GcpServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>gcp</c>: Compute Engine instances and their boot images, across projects.</summary>
    public static IHostApplicationBuilder AddGcpConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAssetSourceFactory, GcpAssetSourceFactory>();
        return builder;
    }
}
