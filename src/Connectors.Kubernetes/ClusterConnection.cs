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
        var handler = ConnectorHttp.CreateHandler(CertificateAuthority);
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }

        return handler;
    }

    public void Dispose()
    {
        CertificateAuthority?.Dispose();
        ClientCertificate?.Dispose();
    }
}
