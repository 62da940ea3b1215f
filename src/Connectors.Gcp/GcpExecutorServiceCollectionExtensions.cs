using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors.Gcp.Execution;
using Qlrf.Execution;

namespace Qlrf.Connectors.Gcp;

public static class GcpExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GCP executor: it changes the standalone Compute Engine instances of the host's <c>gcp</c> sources (a new
    /// boot disk from the target image), with settings from <c>Qlrf:Executors:Gcp</c>.
    /// </summary>
    public static IHostApplicationBuilder AddGcpExecutor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GcpExecutorOptions>().BindConfiguration("Qlrf:Executors:Gcp");
        builder.Services.AddSingleton<GcpExecutor>();
        builder.Services.AddSingleton<IPlatformExecutor>(sp => sp.GetRequiredService<GcpExecutor>());
        return builder;
    }
}
