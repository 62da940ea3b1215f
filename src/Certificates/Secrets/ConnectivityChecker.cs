using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Qlrf.Secrets;

/// <summary>
/// Runs connectivity checks for real: <c>tcp</c> opens a TCP connection, <c>http</c> sends a GET (no redirects) and
/// compares the status; each within <see cref="SecretRotationOptions.CheckTimeout"/>.
/// </summary>
public sealed class ConnectivityChecker(IOptions<SecretsOptions> options) : IConnectivityChecker, IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });

    public async Task<string?> CheckAsync(ConnectivityCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Rotation.CheckTimeout);
        try
        {
            if (check.Kind == ConnectivityCheck.Tcp)
            {
                var colon = check.Target.LastIndexOf(':');
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(check.Target[..colon].Trim('[', ']'), int.Parse(check.Target[(colon + 1)..], CultureInfo.InvariantCulture), timeout.Token);
                return null;
            }

            using var response = await http.GetAsync(new Uri(check.Target), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode == check.ExpectStatus ? null : FormattableString.Invariant($"{check}: got {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{check}: no answer within {options.Value.Rotation.CheckTimeout}";
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException or IOException)
        {
            return $"{check}: {ex.Message}";
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>The checks configured per workload, <c>Qlrf:Secrets:Checks:{n}</c> (<c>Workload</c>, <c>Kind</c>, <c>Target</c>, <c>ExpectStatus</c>); they win over a store's own.</summary>
public sealed class ConfiguredConnectivityChecks(IOptions<SecretsOptions> options) : IConnectivityCheckSource
{
    public ConnectivityCheck? CheckFor(Secret secret, string workload) =>
        options.Value.Checks.FirstOrDefault(c => string.Equals(c.Workload, workload, StringComparison.Ordinal)) is { } c
            ? new ConnectivityCheck(c.Kind!, c.Target!, c.ExpectStatus)
            : null;
}
