using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qlrf.Host.Bootstrap;
using Qlrf.Channels.Delivery;
using Qlrf.Host.LocalTriggers;
using Qlrf.Store.Sqlite;

namespace Qlrf.Host;

public static class LocalHostExtensions
{
    /// <summary>Where the local host listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>The environment integration tests run the host in.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// Defaults of the local host: the app's own <c>appsettings.json</c> even when started from another
    /// directory (so <c>dotnet run --project src/Host</c> works from the repository root), and
    /// <see cref="DefaultUrl"/> unless <c>urls</c>, <c>ASPNETCORE_URLS</c> or Kestrel endpoints say otherwise.
    /// </summary>
    public static WebApplicationBuilder AddLocalHostDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        if (!File.Exists(Path.Combine(contentRoot, "appsettings.json")))
        {
            var sources = builder.Configuration.Sources;
            var at = sources.Count(s => s is not Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource
                && s is not Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
            var appFile = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
                Optional = true,
                ReloadOnChange = false,
            };
            appFile.ResolveFileProvider();
            sources.Insert(Math.Min(at, sources.Count), appFile);
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>The host's data directory: the folder of its SQLite file (<c>Qlrf:Store:Path</c>, default <c>.qlrf/qlrf.db</c>).</summary>
    public static string DataDirectory(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path;
        return Path.GetDirectoryName(Path.GetFullPath(database))!;
    }

    /// <summary>
    /// The local equivalents of the Azure triggers: start-up recovery, the bootstrap admin key (printed once
    /// on the console when the default organisation has no admin), the asset-change queue's consumer feeding
    /// the registered queue function, every registered timer function (sweeps, notification delivery, the daily
    /// drift snapshot) in one service, notification delivery woken as soon as one is enqueued, and the start-up sweeps.
    /// </summary>
    public static WebApplicationBuilder AddLocalTriggers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<LocalStartup>();
        builder.Services.TryAddSingleton(new BootstrapConsole(Console.Out));
        builder.Services.AddHostedService<LocalBootstrap>();
        builder.Services.AddHostedService<AssetChangeQueueWorker>();
        builder.Services.AddSingleton(sp => new TimerWake(
            nameof(NotificationDispatcher.DeliverAllDueAsync),
            (timeout, ct) => sp.GetRequiredService<SqliteNotificationOutbox>().WaitAsync(timeout, ct)));
        builder.Services.AddHostedService<LocalTimerService>();
        builder.Services.AddHostedService<StartupSweeps>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>
    /// Runs until Ctrl-C or SIGTERM. Bad configuration or a store in use fails start-up with one clear
    /// message naming the setting, and exit code 1.
    /// </summary>
    public static async Task<int> RunLocalHostAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or IOException)
        {
            var message = ex is OptionsValidationException o ? string.Join(Environment.NewLine + "  ", o.Failures) : ex.Message;
            HostLogs.StartupFailed(app.Logger, message);
            if (app.Environment.IsEnvironment(TestingEnvironment))
            {
                // Under WebApplicationFactory the test host owns start-up and needs the exception itself.
                throw;
            }

            await Console.Error.WriteLineAsync($"QL-RF could not start:{Environment.NewLine}  {message}");
            return 1;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var urls = string.Join(", ", addresses);
        HostLogs.Serving(app.Logger, urls);
        await app.WaitForShutdownAsync();
        return 0;
    }
}
