using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Azure.Certificates;

public static class KeyVaultCertificatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers certificate sources of kind <c>key-vault</c> (inventory of a vault's certificates) and the issuer of
    /// their new versions for rotations (from each certificate's policy), the reader of a version's key material
    /// (its backing secret) for deployers that write it into a TLS secret, and secret sources of kind <c>key-vault</c> (metadata only).
    /// </summary>
    public static IHostApplicationBuilder AddKeyVaultCertificates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyVaultConnections>();
        services.AddSingleton<ICertificateSourceFactory, KeyVaultCertificateSourceFactory>();
        services.AddSingleton<ICertificateIssuer, KeyVaultCertificateIssuer>();
        services.AddSingleton<ICertificateMaterialSource, KeyVaultCertificateMaterialSource>();
        services.AddSingleton<Qlrf.Secrets.ISecretSourceFactory, Secrets.KeyVaultSecretSourceFactory>();
        return builder;
    }
}
