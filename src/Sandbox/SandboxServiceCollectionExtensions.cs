using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;
using Qlrf.Execution;

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
}
