using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Qlrf.Api.Certificates;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Certificates;

/// <summary>
/// A host whose sandbox PKI is a file of the test's: a production certificate expiring in 5 days served by one loopback
/// endpoint, and a development one served by an endpoint that ignores reloads (the injected validation failure).
/// </summary>
internal static class CertificateHost
{
    public const string Shop = "sandbox:shop";
    public const string Stale = "sandbox:stale";

    private const string Pki = """
        certificates:
          - name: shop
            environment: prod
            subjectAlternativeNames: [shop.sandbox.test]
            validityDays: 5
          - name: stale
            environment: dev
            subjectAlternativeNames: [stale.sandbox.test]
            validityDays: 200
        endpoints:
          - name: shop-1
            certificate: shop
            environment: prod
            assetsBehind: [use1-prod-web-01]
          - name: stale-1
            certificate: stale
            environment: dev
            reloads: false
        """;

    /// <summary>The host; rotations are proposed only when <paramref name="proposeWithinDays"/> is above 0 (the tests that start their own turn them off).</summary>
    public static QlrfHost Create(HostDirectory directory, int proposeWithinDays = 0)
    {
        var file = Path.Combine(directory.Path, "certificates.yaml");
        File.WriteAllText(file, Pki);
        return new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Certificates:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Sandbox:Certificates:File"] = file,
            ["Qlrf:Certificates:Rotation:ProposeWithinDays"] = proposeWithinDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Waits for the start-up sweep to have put the certificate in the inventory.</summary>
    public static Task WaitForCertificateAsync(this QlrfHost host, string id) =>
        Eventually.TrueAsync(
            async () =>
            {
                using var client = host.CreateClient();
                return (await client.FetchAsync("/api/v1/certificates/" + id)).Status == System.Net.HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(60),
            $"certificate {id} in the inventory");

    public static async Task<CertificateRotation> WaitForRotationAsync(this QlrfHost host, string id, params RotationStatus[] statuses)
    {
        CertificateRotation? rotation = null;
        await Eventually.TrueAsync(
            async () =>
            {
                rotation = await host.GetJsonAsync<CertificateRotation>("/api/v1/certificate-rotations/" + id);
                return statuses.Contains(rotation.Status);
            },
            TimeSpan.FromSeconds(90),
            $"rotation {id} to be {string.Join(" or ", statuses)}");
        return rotation!;
    }

    public static async Task<string> EndpointOfAsync(this QlrfHost host, string certificateId) =>
        (await host.GetJsonAsync<CertificateUsageView>($"/api/v1/certificates/{certificateId}/usage")).Usages.Single(u => u.Kind == UsageKind.Endpoint).Target;

    /// <summary>The test's own TLS handshake (not QL-RF's probe): the thumbprint the endpoint serves now.</summary>
    public static async Task<string> ServedThumbprintAsync(string target)
    {
        var at = target.IndexOf('@', StringComparison.Ordinal);
        var hostPort = target[..at];
        var colon = hostPort.LastIndexOf(':');
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            // The test reads what is served (the sandbox CA is not in this machine's trust); QL-RF's probe judges the chain.
            thumbprint = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
            return thumbprint is not null;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = target[(at + 1)..] });
        return thumbprint!;
    }
}
