using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors.Azure.Execution;
using Qlrf.Execution;

namespace Qlrf.Connectors.Azure;

public static class AzureExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure executor: it changes the VMs and scale-set instances of the host's <c>azure</c> sources (scale-set
    /// manual upgrade to a new image reference, patch sets through install-patches), with settings from <c>Qlrf:Executors:Azure</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAzureExecutor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AzureExecutorOptions>().BindConfiguration("Qlrf:Executors:Azure");
        builder.Services.AddSingleton<AzureExecutor>();
        builder.Services.AddSingleton<IPlatformExecutor>(sp => sp.GetRequiredService<AzureExecutor>());
        return builder;
    }
}
