using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Qlrf.Secrets;

namespace Qlrf.Sandbox.Secrets;

/// <summary>
/// The loopback workloads of the secrets file, served by the host: each holds the versions of the secrets it loaded at
/// its last (re)start. An <c>http</c> workload answers <c>GET /health</c> 200 while healthy and 503 otherwise; a
/// <c>tcp</c> workload accepts connections only while healthy. A workload that does not accept new values is unhealthy
/// after a restart with a version it did not start with (the injected fault a rotation's check finds).
/// </summary>
public sealed class SandboxWorkloads(SandboxSecretVault vault) : IHostedService, IDisposable
{
    private readonly Dictionary<string, Workload> workloads = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int disposed;

    /// <summary>Completes once every workload listens.</summary>
    public Task Started => started.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var spec in vault.File.Workloads)
        {
            var initial = vault.File.Secrets.Where(s => s.Workloads.Contains(spec.Name)).ToDictionary(s => s.Name, s => vault.Get(s.Name)!.Version, StringComparer.Ordinal);
            var workload = new Workload(spec, initial);
            workload.Listen(stopping.Token);
            workloads[spec.Name] = workload;
        }

        started.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            stopping.Cancel();
        }

        foreach (var workload in workloads.Values)
        {
            workload.Stop();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        foreach (var workload in workloads.Values)
        {
            workload.Stop();
        }

        stopping.Dispose();
    }

    /// <summary>The workload of a <c>sandbox://workloads/{name}</c> id, or null.</summary>
    public Workload? Find(string id) =>
        id.StartsWith(SandboxSecretSource.WorkloadPrefix, StringComparison.Ordinal) && workloads.TryGetValue(id[SandboxSecretSource.WorkloadPrefix.Length..], out var workload) ? workload : null;

    /// <summary>One loopback workload.</summary>
    public sealed class Workload(SandboxWorkloadSpec spec, IReadOnlyDictionary<string, string> initial)
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, string> loaded = new(initial, StringComparer.Ordinal);
        private TcpListener? listener;
        private CancellationToken stopping;

        public SandboxWorkloadSpec Spec => spec;

        public int Port { get; private set; }

        /// <summary>What a rotation checks after restarting it.</summary>
        public ConnectivityCheck Check => spec.Check == ConnectivityCheck.Http
            ? new ConnectivityCheck(ConnectivityCheck.Http, $"http://127.0.0.1:{Port}/health", 200)
            : new ConnectivityCheck(ConnectivityCheck.Tcp, $"127.0.0.1:{Port}");

        public bool Healthy
        {
            get
            {
                lock (gate)
                {
                    return spec.AcceptsNewValues || loaded.All(l => initial[l.Key] == l.Value);
                }
            }
        }

        /// <summary>The version of a secret it loaded at its last (re)start.</summary>
        public string? Loaded(string secret)
        {
            lock (gate)
            {
                return loaded.GetValueOrDefault(secret);
            }
        }

        /// <summary>Restarts with <paramref name="version"/> of <paramref name="secret"/>: a tcp workload stops listening while unhealthy.</summary>
        public void Restart(string secret, string version)
        {
            lock (gate)
            {
                loaded[secret] = version;
            }

            if (spec.Check == ConnectivityCheck.Tcp)
            {
                listener?.Stop();
                listener = null;
                if (Healthy)
                {
                    Listen(stopping);
                }
            }
        }

        internal void Listen(CancellationToken token)
        {
            stopping = token;
            var tcp = new TcpListener(IPAddress.Loopback, Port);
            tcp.Start();
            Port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            listener = tcp;
            _ = AcceptAsync(tcp, token);
        }

        internal void Stop()
        {
            listener?.Stop();
            listener = null;
        }

        private async Task AcceptAsync(TcpListener tcp, CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await tcp.AcceptTcpClientAsync(token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    return;
                }

                _ = AnswerAsync(client, token);
            }
        }

        private async Task AnswerAsync(TcpClient client, CancellationToken token)
        {
            using (client)
            {
                if (spec.Check != ConnectivityCheck.Http)
                {
                    return;
                }

                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[1024];
                    _ = await stream.ReadAsync(buffer, token);
                    var (status, text) = Healthy ? (200, "OK") : (503, "Service Unavailable");
                    var body = Healthy ? "ok" : "cannot authenticate with the current secret";
                    var response = $"HTTP/1.1 {status} {text}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response), token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
                {
                    // The caller went away.
                }
            }
        }
    }
}
