using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qlrf.Bench.Api;

/// <summary>
/// The local host (<c>src/Host</c>, built beside the bench) started as a process of its own on a fresh store and the
/// benchmark's estate, signed in with the admin key it prints on its first start.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<string> key = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    public HttpClient Client { get; private set; } = null!;

    public static async Task<HostProcess> StartAsync(string directory, string repository)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Qlrf.Host.exe" : "Qlrf.Host"))
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["QLRF__Store__Path"] = Path.Combine(directory, "qlrf.db"),
            ["QLRF__Discovery__Sources__sandbox__Kind"] = "sandbox",
            ["QLRF__Discovery__Sources__sandbox__EstateFile"] = Path.Combine(directory, "estate.yaml"),
            ["QLRF__Discovery__Sources__sandbox__Schedule"] = "0 0 0 1 1 *",
            ["QLRF__Images__SampleFile"] = Path.Combine(directory, "images.yaml"),
            ["QLRF__Api__RateLimits__PerCallerPermitLimit"] = "1000000",
            ["QLRF__Api__RateLimits__PerOrganisationPermitLimit"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Qlrf.Identity"] = "Information",
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        host.process.OutputDataReceived += (_, e) => host.Read(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Read(e.Data);
        host.process.EnableRaisingEvents = true;
        host.process.Exited += (_, _) => host.key.TrySetException(new InvalidOperationException($"The host exited ({host.process.ExitCode}) before printing its admin key."));
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        var token = await host.key.Task.WaitAsync(TimeSpan.FromMinutes(5));
        host.Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(10),
        };
        host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host;
    }

    /// <summary>Waits until the drift report counts <paramref name="assets"/> assets: the first sweep, its changes and drift are in.</summary>
    public async Task WaitForDriftAsync(int assets, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync(new Uri("api/v1/drift", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (TotalOf(report.RootElement) >= assets)
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
            }

            if (deadline.Elapsed > patience)
            {
                throw new TimeoutException($"The host's drift report did not reach {assets:N0} assets in {patience}.");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The CPU time the host has used (user and system), from /proc.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static long TotalOf(JsonElement report) =>
        report.TryGetProperty("organisation", out var whole) && whole.TryGetProperty("total", out var total) ? total.GetInt64() : 0;

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (KeyPattern().Match(line) is { Success: true } match)
        {
            key.TrySetResult(match.Value);
        }
        else if (line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("crit", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("host: " + line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"qlrf_[a-z0-9-]+_k[a-z2-7]{20}_[a-z2-7]{52}")]
    private static partial Regex KeyPattern();
}
