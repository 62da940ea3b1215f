using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

public static class SandboxCertificatesServiceCollectionExtensions
{
    /// <summary>The configuration key of the certificate sources, whose children name their kind.</summary>
    public const string SourcesSection = "Qlrf:Certificates:Sources";

    /// <summary>
    /// Registers the sandbox PKI (section <c>Qlrf:Sandbox:Certificates</c>): the built-in CA (a trust anchor for scans),
    /// the loopback TLS endpoints of the PKI file, the certificate source of kind <c>sandbox</c>, and its issuer, material source and
    /// deployer for rotations. Only where a certificate source of kind <c>sandbox</c> is configured.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxCertificates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration.GetSection(SourcesSection).GetChildren()
            .Any(s => string.Equals(s["Kind"], CertificateStoreKinds.Sandbox, StringComparison.OrdinalIgnoreCase));
        if (!configured)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<SandboxCertificatesOptions>().BindConfiguration(SandboxCertificatesOptions.Section);
        services.AddSingleton<SandboxPki>();
        services.AddSingleton<ITrustAnchors>(sp => sp.GetRequiredService<SandboxPki>());
        services.AddSingleton<SandboxTlsEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxTlsEndpoints>());
        services.AddSingleton<ICertificateSourceFactory, SandboxCertificateSourceFactory>();
        services.AddSingleton<ICertificateIssuer, SandboxCertificateIssuer>();
        services.AddSingleton<ICertificateDeployer, SandboxCertificateDeployer>();
        services.AddSingleton<ICertificateMaterialSource, SandboxCertificateMaterialSource>();
        return builder;
    }
}
