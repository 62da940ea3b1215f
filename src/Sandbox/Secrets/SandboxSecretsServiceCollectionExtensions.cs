using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Secrets;

namespace Qlrf.Sandbox.Secrets;

public static class SandboxSecretsServiceCollectionExtensions
{
    /// <summary>The configuration key of the secret sources, whose children name their kind.</summary>
    public const string SourcesSection = "Qlrf:Secrets:Sources";

    /// <summary>
    /// Registers the sandbox secret store (section <c>Qlrf:Sandbox:Secrets</c>): the secrets of the secrets file, the
    /// secret source of kind <c>sandbox</c>, and for rotations its versions, the loopback workloads that use the secrets
    /// (restarted and checked by a rotation). Only where a secret source of kind <c>sandbox</c> is configured.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxSecrets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration.GetSection(SourcesSection).GetChildren()
            .Any(s => string.Equals(s["Kind"], SecretStoreKinds.Sandbox, StringComparison.OrdinalIgnoreCase));
        if (!configured)
        {
            return builder;
        }

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SandboxSecretsOptions>().BindConfiguration(SandboxSecretsOptions.Section);
        services.AddSingleton<SandboxSecretVault>();
        services.AddSingleton<ISecretSourceFactory, SandboxSecretSourceFactory>();
        services.AddSingleton<SandboxWorkloads>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxWorkloads>());
        services.AddSingleton<SandboxWorkloadRestarter>();
        services.AddSingleton<ISecretVersioner, SandboxSecretVersioner>();
        services.AddSingleton<ISecretWorkloadRestarter>(sp => sp.GetRequiredService<SandboxWorkloadRestarter>());
        services.AddSingleton<IConnectivityCheckSource>(sp => sp.GetRequiredService<SandboxWorkloadRestarter>());
        return builder;
    }
}
