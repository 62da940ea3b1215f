using System.Net;

namespace Qlrf.Connectors;

/// <summary>The HTTP client a source uses for its platform: pooled connections, refreshed for DNS changes, decompression on.</summary>
public static class ConnectorHttp
{
    public static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>A client whose own timeout is off: <see cref="ResilientHttpClient"/> times out each attempt itself.</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}
