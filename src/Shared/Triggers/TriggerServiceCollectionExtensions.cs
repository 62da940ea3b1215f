using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Triggers;

public static class TriggerServiceCollectionExtensions
{
    /// <summary>Registers timer functions; call it from each module that owns some, the registrations add up.</summary>
    public static IServiceCollection AddTimerFunctions(this IServiceCollection services, Action<TimerFunctionRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TimerFunctionRegistry>().Configure(configure);
        return services;
    }

    /// <summary>Registers queue functions; call it from each module that owns some, the registrations add up.</summary>
    public static IServiceCollection AddQueueFunctions(this IServiceCollection services, Action<QueueFunctionRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<QueueFunctionRegistry>().Configure(configure);
        return services;
    }
}
