using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Triggers;

namespace Qlrf.Discovery.Drift;

public static class DriftServiceCollectionExtensions
{
    /// <summary>
    /// Registers drift upkeep (section <c>Qlrf:Drift</c>): the reconciliation that follows every batch of
    /// asset changes, re-evaluation after transitions, and snapshots: the daily one is a timer function on
    /// <see cref="DriftFunctions.SnapshotScheduleSetting"/>, which defaults to <c>Qlrf:Drift:SnapshotSchedule</c>.
    /// Needs a drift store registered.
    /// </summary>
    public static IHostApplicationBuilder AddDrift(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DriftOptions>, DriftOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DriftFunctions>();
        services.AddSingleton<IAssetChangeHandler>(sp => sp.GetRequiredService<DriftFunctions>());
        services.AddTimerFunctions(t => t.Add<DriftFunctions>(
            nameof(DriftFunctions.RunDailySnapshotsAsync),
            DriftFunctions.SnapshotScheduleSetting,
            sp => sp.GetRequiredService<IOptions<DriftOptions>>().Value.SnapshotSchedule,
            (f, _, ct) => f.RunDailySnapshotsAsync(ct)));
        return builder;
    }
}
