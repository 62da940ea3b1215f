using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>The material of a sandbox certificate's version: the CA's leaf with its key, and the CA after it (as the sandbox endpoints serve it).</summary>
public sealed class SandboxCertificateMaterialSource(SandboxPki pki) : ICertificateMaterialSource
{
    public string StoreKind => CertificateStoreKinds.Sandbox;

    public Task<CertificateMaterial> GetMaterialAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(thumbprint);
        var version = pki.Find(certificate.Name, thumbprint)
            ?? throw new InvalidOperationException($"The sandbox CA issued no version {thumbprint} of {certificate.Id}.");
        return Task.FromResult(CertificateMaterial.From(version, [pki.Root]));
    }
}
