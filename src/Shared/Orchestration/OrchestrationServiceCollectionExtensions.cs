using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers orchestrators and activities with whichever durable runtime the host uses. Call it from each
    /// module that owns orchestrations; the registrations add up.
    /// </summary>
    public static IServiceCollection AddOrchestrationTasks(this IServiceCollection services, Action<OrchestrationRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OrchestrationRegistry>().Configure(configure);
        return services;
    }
}
