using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>Deploys a sandbox certificate version to a sandbox endpoint: the endpoint reloads it (unless it is set not to).</summary>
public sealed class SandboxCertificateDeployer(SandboxPki pki, SandboxTlsEndpoints endpoints) : ICertificateDeployer
{
    public bool CanDeploy(Certificate certificate, CertificateUsage usage)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(usage);
        return certificate.StoreKind == CertificateStoreKinds.Sandbox && usage.Kind == UsageKind.Endpoint && endpoints.Find(usage.Target) is not null;
    }

    public Task DeployAsync(Certificate certificate, CertificateUsage usage, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var endpoint = endpoints.Find(usage.Target) ?? throw new InvalidOperationException($"No sandbox endpoint serves {usage.Target}.");
        var version = pki.Find(thumbprint) ?? throw new InvalidOperationException($"The sandbox CA issued no certificate {thumbprint}.");
        endpoint.Reload(version);
        return Task.CompletedTask;
    }
}
