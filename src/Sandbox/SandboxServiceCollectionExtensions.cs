using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the built-in sandbox platform: asset sources of kind <c>sandbox</c>, read from estate files.</summary>
    public static IHostApplicationBuilder AddSandboxPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IAssetSourceFactory, SandboxAssetSourceFactory>();
        return builder;
    }
}
