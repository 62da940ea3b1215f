using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Certificates.Sweeps;
using Qlrf.Certificates.Tls;
using Qlrf.Tenancy;
using Qlrf.Triggers;

namespace Qlrf.Certificates;

public static class CertificatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the certificate inventory (section <c>Qlrf:Certificates</c>): the TLS probe (<c>Qlrf:Certificates:Tls</c>),
    /// the <c>tls-endpoint</c> source kind, the configured sources, the sweeper with its alerts, and the sweep timer
    /// (<see cref="CertificateSweepFunctions.ScheduleSetting"/>). Needs a certificate store and the notification channels.
    /// </summary>
    public static IHostApplicationBuilder AddCertificates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTenancyOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CertificatesOptions>().BindConfiguration(CertificatesOptions.Section).ValidateOnStart();
        services.AddOptions<TlsProbeOptions>().BindConfiguration(TlsProbeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITrustAnchors, ConfiguredTrustAnchors>();
        services.AddSingleton<ITlsProbe, SslStreamProbe>();
        services.AddSingleton<ICertificateSourceFactory, TlsEndpointSourceFactory>();
        services.AddSingleton<CertificateSourceRegistry>();
        services.AddSingleton<CertificateSweeper>();
        services.AddSingleton<CertificateSweepFunctions>();
        services.AddTimerFunctions(t => t.Add<CertificateSweepFunctions>(
            nameof(CertificateSweepFunctions.RunDueCertificateSweepsAsync), CertificateSweepFunctions.ScheduleSetting, CertificateSweepFunctions.DefaultSchedule, (f, tick, ct) => f.RunDueCertificateSweepsAsync(tick, ct)));
        return builder;
    }

    /// <summary>Sweeps the sources set to sweep at start-up once the host has started (the local host; Azure's first timer tick does it there).</summary>
    public static IHostApplicationBuilder AddCertificateStartupSweeps(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<CertificateStartupSweeps>();
        return builder;
    }
}
