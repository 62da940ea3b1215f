using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// A TLS endpoint the host serves on loopback with a sandbox certificate: every connection gets a handshake (with the
/// CA in the served chain) and a one-line HTTP answer. Its certificate is swapped at runtime by <see cref="Reload"/>;
/// an endpoint configured not to reload ignores the swap, which is how a failed rotation is shown.
/// </summary>
public sealed class SandboxTlsEndpoint : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
    private readonly TcpListener listener;
    private readonly X509Certificate2 root;
    private readonly CancellationTokenSource stopping = new();
    private volatile SslStreamCertificateContext context;
    private volatile X509Certificate2 served;
    private Task? accepting;

    public SandboxTlsEndpoint(SandboxEndpointSpec spec, string serverName, X509Certificate2 certificate, X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        ServerName = serverName;
        this.root = root;
        served = certificate;
        context = SslStreamCertificateContext.Create(certificate, [root], offline: true);
        listener = new TcpListener(IPAddress.Loopback, spec.Port);
    }

    public SandboxEndpointSpec Spec { get; }

    /// <summary>The name clients send as SNI: the certificate's first SAN.</summary>
    public string ServerName { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public TlsTarget Target => new("127.0.0.1", Port, ServerName);

    /// <summary>The thumbprint it serves now.</summary>
    public string Thumbprint => served.Thumbprint;

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync(stopping.Token);
    }

    /// <summary>Serves <paramref name="certificate"/> from the next handshake on; false (and nothing changes) when it does not reload.</summary>
    public bool Reload(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!Spec.Reloads)
        {
            return false;
        }

        context = SslStreamCertificateContext.Create(certificate, [root], offline: true);
        served = certificate;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        if (accepting is not null)
        {
            await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await using var stream = new SslStream(client.GetStream());
                await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, timeout.Token);
                await stream.WriteAsync(Answer, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or SocketException)
            {
                // A client that leaves after the handshake (as a scan does) is normal.
            }
        }
    }
}
