using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Tenancy;
using Qlrf.Triggers;

namespace Qlrf.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the secret inventory (section <c>Qlrf:Secrets</c>, metadata only): the configured sources, the sweeper
    /// and the sweep timer (<see cref="SecretSweepFunctions.ScheduleSetting"/>). Needs a secret store and the source kinds.
    /// </summary>
    public static IHostApplicationBuilder AddSecrets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTenancyOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section).ValidateOnStart();
        services.AddSingleton<SecretSourceRegistry>();
        services.AddSingleton<SecretSweeper>();
        services.AddSingleton<SecretSweepFunctions>();
        services.AddSingleton<IConnectivityChecker, ConnectivityChecker>();
        services.AddSingleton<IConnectivityCheckSource, ConfiguredConnectivityChecks>();
        services.AddTimerFunctions(t => t.Add<SecretSweepFunctions>(
            nameof(SecretSweepFunctions.RunDueSecretSweepsAsync), SecretSweepFunctions.ScheduleSetting, SecretSweepFunctions.DefaultSchedule, (f, tick, ct) => f.RunDueSecretSweepsAsync(tick, ct)));
        return builder;
    }

    /// <summary>Sweeps the secret sources set to sweep at start-up once the host has started (the local host).</summary>
    public static IHostApplicationBuilder AddSecretStartupSweeps(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<SecretStartupSweeps>();
        return builder;
    }
}
