using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;
using Qlrf.Execution;
using Qlrf.Sandbox.Dr;
using Qlrf.Sandbox.Images;
using Qlrf.Tenancy;

namespace Qlrf.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The configuration key of the sources' section, whose children name their kind.</summary>
    public const string SourcesSection = "Qlrf:Discovery:Sources";

    /// <summary>
    /// Registers the built-in sandbox platform: asset sources of kind <c>sandbox</c>, read from estate files, and
    /// its executor (section <c>Qlrf:Sandbox</c> for injected faults). The executor only where a sandbox source is
    /// configured, so an app of real sources has only real executors.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SandboxSources>();
        builder.Services.AddSingleton<IAssetSourceFactory, SandboxAssetSourceFactory>();
        if (HasSandboxSources(builder.Configuration))
        {
            builder.Services.AddSingleton<IPlatformExecutor, SandboxExecutor>();
        }

        return builder;
    }

    /// <summary>
    /// Registers the sandbox DR simulator (section <c>Qlrf:Sandbox:Dr</c>) and loads the sample DR pairs into the
    /// default organisation at start-up. Needs the sandbox platform and DR stores (pairs, simulator state) registered.
    /// Only where a sandbox source is configured: its sites are the simulator's.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxDrSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!HasSandboxSources(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddTenancyOptions();
        builder.Services.AddOptions<SandboxDrOptions>().BindConfiguration(SandboxDrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDrExecutor, SandboxDrExecutor>();
        builder.Services.AddHostedService<SampleDrPairsLoader>();
        return builder;
    }

    /// <summary>
    /// Loads the sample golden images (section <c>Qlrf:Images</c>) into the default organisation at
    /// start-up, each family only when it is absent. Needs an image store registered.
    /// </summary>
    public static IHostApplicationBuilder AddSampleImages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTenancyOptions();
        builder.Services.AddOptions<SampleImagesOptions>().BindConfiguration(SampleImagesOptions.Section);
        builder.Services.AddHostedService<SampleImagesLoader>();
        return builder;
    }

    /// <summary>Whether any configured asset source is of kind <c>sandbox</c>.</summary>
    public static bool HasSandboxSources(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SourcesSection).GetChildren()
            .Any(s => string.Equals(s["Kind"], SandboxAssetSourceFactory.SandboxKind, StringComparison.OrdinalIgnoreCase));
    }
}
