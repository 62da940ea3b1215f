using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Connectors;

/// <summary>The HTTP client a source uses for its platform: pooled connections, refreshed for DNS changes, decompression on.</summary>
public static class ConnectorHttp
{
    /// <param name="authority">A CA to trust for this platform beside the system's (a vCenter's, a cluster's, Azure Stack Hub's).</param>
    public static SocketsHttpHandler CreateHandler(X509Certificate2? authority = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (authority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is X509Certificate2 server && IssuedBy(server, authority, errors));
        }

        return handler;
    }

    /// <summary>A client whose own timeout is off: <see cref="ResilientHttpClient"/> times out each attempt itself.</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Whether the server's certificate chains to <paramref name="authority"/>; a name mismatch is never forgiven.</summary>
    private static bool IssuedBy(X509Certificate2 server, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
