using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Tenancy;
using Qlrf.Triggers;

namespace Qlrf.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers discovery (section <c>Qlrf:Discovery</c>): the sources configured there, the sweeper, the
    /// coordinator, the sweep timer (<see cref="SweepFunctions.ScheduleSetting"/>) and the asset-change queue's
    /// function (<see cref="AssetChangeFunctions.QueueSetting"/>). Needs a store and at least one source kind registered.
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
        services.AddHostedService<SourceRegistryActivation>();
        services.AddSingleton<DiscoverySweeper>();
        services.AddSingleton<SweepCoordinator>();
        services.AddSingleton<SweepFunctions>();
        services.AddSingleton<AssetChangeFunctions>();
        services.AddTimerFunctions(t => t.Add<SweepFunctions>(
            nameof(SweepFunctions.RunDueSweepsAsync), SweepFunctions.ScheduleSetting, SweepFunctions.DefaultSchedule, (f, tick, ct) => f.RunDueSweepsAsync(tick, ct)));
        services.AddQueueFunctions(q => q.Add<AssetChangeFunctions, AssetChanged>(
            nameof(AssetChangeFunctions.ApplyAsync), AssetChangeFunctions.QueueSetting, (f, batch, ct) => f.ApplyAsync(batch, ct)));
        return builder;
    }
}
