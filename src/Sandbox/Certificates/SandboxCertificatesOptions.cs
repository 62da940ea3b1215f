namespace Qlrf.Sandbox.Certificates;

/// <summary>The sandbox PKI, section <c>Qlrf:Sandbox:Certificates</c>.</summary>
public sealed class SandboxCertificatesOptions
{
    public const string Section = "Qlrf:Sandbox:Certificates";

    /// <summary>The PKI file: certificates to issue and loopback endpoints to serve. Default <c>samples/certificates.yaml</c>.</summary>
    public string File { get; set; } = "samples/certificates.yaml";
}
