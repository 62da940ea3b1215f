using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Identity.ApiKeys;
using Qlrf.Identity.Authentication;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers identity (section <c>Qlrf:Identity</c>): API-key and JWT sign-in behind one default scheme,
    /// API key issuing, the bootstrap admin key and access decisions. Needs the identity and audit stores.
    /// Safe to call from every module that needs it.
    /// </summary>
    public static IHostApplicationBuilder AddQlrfIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ApiKeyIssuer)))
        {
            return builder;
        }

        services.AddTenancyOptions();
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAuthentication(QlrfAuthentication.Scheme)
            .AddPolicyScheme(QlrfAuthentication.Scheme, "QL-RF", o => o.ForwardDefaultSelector = QlrfAuthentication.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(QlrfAuthentication.ApiKeyScheme, null)
            .AddJwtBearer(QlrfAuthentication.BearerScheme);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddSingleton<QlrfJwtBearerEvents>();

        services.TryAddSingleton<IAccessEvaluator, AccessEvaluator>();
        services.AddSingleton<ApiKeyIssuer>();
        services.AddSingleton<BootstrapAdminKey>();
        return builder;
    }
}
