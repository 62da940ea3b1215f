using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Bench.Certificates;

/// <summary>
/// Many TLS endpoints on 127.0.0.1, each its own listener on a port the OS picks, each serving one of the leaves with
/// its chain: a handshake, then the connection is held until the client closes it.
/// </summary>
internal sealed class LoopbackTlsEndpoints : IAsyncDisposable
{
    private readonly List<TcpListener> listeners = [];
    private readonly List<Task> loops = [];
    private readonly CancellationTokenSource stop = new();

    public LoopbackTlsEndpoints(int count, BenchPki pki)
    {
        var contexts = pki.Leaves.Select(l => SslStreamCertificateContext.Create(l, [pki.Ca], offline: true)).ToList();
        for (var i = 0; i < count; i++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start(256);
            listeners.Add(listener);
            Ports.Add(((IPEndPoint)listener.LocalEndpoint).Port);
            var context = contexts[i % contexts.Count];
            Thumbprints.Add(pki.Leaves[i % contexts.Count].Thumbprint);
            loops.Add(AcceptAsync(listener, context, stop.Token));
        }
    }

    public List<int> Ports { get; } = [];

    /// <summary>The thumbprint each endpoint serves, by index.</summary>
    public List<string> Thumbprints { get; } = [];

    private static async Task AcceptAsync(TcpListener listener, SslStreamCertificateContext context, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket, context, cancellationToken);
        }
    }

    private static async Task ServeAsync(Socket socket, SslStreamCertificateContext context, CancellationToken cancellationToken)
    {
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, cancellationToken);
            var buffer = new byte[1];
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client went away or the bench is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listeners.ForEach(l => l.Stop());
        await Task.WhenAll(loops);
        stop.Dispose();
    }
}
