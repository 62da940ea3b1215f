using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>Creates the sandbox certificate source (kind <c>sandbox</c>); its settings are the PKI file's (<c>Qlrf:Sandbox:Certificates</c>).</summary>
public sealed class SandboxCertificateSourceFactory(SandboxPki pki, SandboxTlsEndpoints endpoints, ITlsProbe probe, TimeProvider time) : ICertificateSourceFactory
{
    public string Kind => CertificateStoreKinds.Sandbox;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) => [];

    public ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section) =>
        new SandboxCertificateSource(definition, pki, endpoints, probe, time);
}
