using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Tenancy;

namespace Qlrf.Functions.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers discovery (section <c>Qlrf:Discovery</c>): the sources configured there, the sweeper, the
    /// coordinator and the asset-change function. Needs a store and at least one source kind registered.
    /// </summary>
    public static IHostApplicationBuilder AddDiscovery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTenancyOptions();
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AssetSourceRegistry>();
        services.AddSingleton<DiscoverySweeper>();
        services.AddSingleton<SweepCoordinator>();
        services.AddSingleton<SweepFunctions>();
        services.AddSingleton<AssetChangeFunctions>();
        return builder;
    }
}
