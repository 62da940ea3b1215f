using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// How to reach one cluster's API server: its URL, its CA, and a bearer token (read afresh from a file
/// when it is a projected one) or a client certificate. Secrets stay in memory and out of logs.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    public required Uri Server { get; init; }

    public X509Certificate2? CertificateAuthority { get; init; }

    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The bearer token for the next call, or null when the client certificate authenticates.</summary>
    public async Task<string?> TokenAsync(CancellationToken cancellationToken) =>
        Token ?? (TokenFile is null ? null : (await File.ReadAllTextAsync(TokenFile, cancellationToken)).Trim());

    public SocketsHttpHandler CreateHandler()
    {
        var handler = ConnectorHttp.CreateHandler();
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }

        if (CertificateAuthority is { } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is X509Certificate2 server && IssuedBy(server, ca, errors));
        }

        return handler;
    }

    private static bool IssuedBy(X509Certificate2 server, X509Certificate2 ca, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    public void Dispose()
    {
        CertificateAuthority?.Dispose();
        ClientCertificate?.Dispose();
    }
}
