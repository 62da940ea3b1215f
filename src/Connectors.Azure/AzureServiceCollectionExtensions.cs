using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>azure</c>: VMs and scale-set instances with their images, across subscriptions.</summary>
    public static IHostApplicationBuilder AddAzureConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAssetSourceFactory, AzureAssetSourceFactory>();
        return builder;
    }
}
