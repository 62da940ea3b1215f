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
    /// <summary>
    /// Registers the built-in sandbox platform: asset sources of kind <c>sandbox</c>, read from estate files, and
    /// its executor (section <c>Qlrf:Sandbox</c> for injected faults).
    /// </summary>
    public static IHostApplicationBuilder AddSandboxPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SandboxSources>();
        builder.Services.AddSingleton<IAssetSourceFactory, SandboxAssetSourceFactory>();
        builder.Services.AddSingleton<IPlatformExecutor, SandboxExecutor>();
        return builder;
    }

    /// <summary>
    /// Registers the sandbox DR simulator (section <c>Qlrf:Sandbox:Dr</c>) and loads the sample DR pairs into the
    /// default organisation at start-up. Needs the sandbox platform and DR stores (pairs, simulator state) registered.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxDrSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
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
}
