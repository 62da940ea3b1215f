using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// The sandbox store: the current version of each certificate the built-in CA issued, and what each loopback endpoint
/// serves, found by a real TLS handshake (so a usage is what is served, not what was configured).
/// </summary>
public sealed class SandboxCertificateSource(CertificateSourceDefinition definition, SandboxPki pki, SandboxTlsEndpoints endpoints, ITlsProbe probe, TimeProvider time) : ICertificateSource
{
    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await endpoints.Started.WaitAsync(cancellationToken);
        var now = time.GetUtcNow();
        var certificates = pki.Names
            .Select(n => CertificateFacts.ToCertificate(pki.Current(n.Name)!, Organisation, Name, CertificateStoreKinds.Sandbox, n.Name, n.Environment, now))
            .ToList();
        var served = new List<ServedEndpoint>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            var result = await probe.ProbeAsync(endpoint.Target, cancellationToken);
            if (result.Thumbprint is null)
            {
                throw new InvalidOperationException($"Sandbox endpoint {endpoint.Spec.Name} ({endpoint.Target}) did not complete a handshake: {result.Error}");
            }

            served.Add(new ServedEndpoint(endpoint.Target.ToString(), endpoint.ServerName, endpoint.Spec.Environment, result.Thumbprint, endpoint.Spec.AssetsBehind));
        }

        return new CertificateSweepResult(certificates, served, []);
    }
}
