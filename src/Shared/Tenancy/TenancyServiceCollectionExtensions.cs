using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Qlrf:Tenancy</c>; safe to call from every module that needs it.</summary>
    public static IServiceCollection AddTenancyOptions(this IServiceCollection services)
    {
        services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
