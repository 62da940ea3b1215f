using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Json;
using Qlrf.Messaging;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// The real local host (Program) in-process on a real SQLite file in a directory of its own, with the
/// sample estate copied there so a test can edit it. Restarting means disposing and creating another
/// host on the same <see cref="HostDirectory"/>.
/// <para>
/// <see cref="WebApplicationFactory{T}.CreateClient()"/> clients are signed in as an admin of the default
/// organisation (an API key made for this host). <see cref="CreateAnonymousClient"/> and the helpers in
/// <see cref="Access"/> make every other caller. The host trusts tokens from <see cref="TestTokens"/>,
/// and its rate limits are raised out of the way unless a test sets them.
/// </para>
/// </summary>
public sealed class QlrfHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly Lazy<string> adminKey;

    public QlrfHost(HostDirectory directory, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Directory = directory;
        this.services = services;
        this.settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Qlrf:Store:Path"] = directory.DatabasePath,
            ["Qlrf:Discovery:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Discovery:Sources:sandbox:EstateFile"] = directory.EstatePath,
            ["Qlrf:Queue:RetryDelay"] = "00:00:00.050",
            ["Qlrf:Identity:Jwt:Issuer"] = TestTokens.Issuer,
            ["Qlrf:Identity:Jwt:Audience"] = TestTokens.Audience,
            ["Qlrf:Identity:Jwt:SigningKeys"] = TestTokens.Jwks,
            ["Qlrf:Api:RateLimits:PerCallerPermitLimit"] = "1000000",
            ["Qlrf:Api:RateLimits:PerOrganisationPermitLimit"] = "10000000",
            ["Qlrf:Api:RateLimits:AnonymousPermitLimit"] = "1000000",
            ["Qlrf:Api:RateLimits:ChannelPermitLimit"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }

        adminKey = new(() => Task.Run(() => this.CreateKeyAsync(Security.Role.Admin, name: "test-admin")).GetAwaiter().GetResult().Token);
    }

    public HostDirectory Directory { get; }

    /// <summary>Warnings and errors the host logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>What the host printed on its console: the bootstrap admin key, on a first start.</summary>
    public StringWriter Console { get; } = new();

    /// <summary>The admin key of the default organisation that <see cref="WebApplicationFactory{T}.CreateClient()"/> clients send.</summary>
    public string AdminKey => adminKey.Value;

    public static readonly JsonSerializerOptions Json = QlrfJson.Options;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton(new Qlrf.Host.Bootstrap.BootstrapConsole(TextWriter.Synchronized(Console)));
            services?.Invoke(s);
        });
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> GetJsonAsync<T>(string path)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Waits until the asset-change queue is empty (nothing visible or in flight).</summary>
    public Task WaitForQueueToDrainAsync(TimeSpan? timeout = null) =>
        Eventually.TrueAsync(async () =>
        {
            var depth = await Service<IAssetChangeQueue>().GetDepthAsync(CancellationToken.None);
            return depth.Visible == 0 && depth.InFlight == 0;
        }, timeout ?? TimeSpan.FromSeconds(30), "the asset-change queue to drain");

    /// <summary>Removes a hosted service (the queue consumer, the scheduler) so a test can drive that part by hand.</summary>
    public static Action<IServiceCollection> Without<THosted>()
        where THosted : IHostedService =>
        s =>
        {
            foreach (var d in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(THosted)).ToList())
            {
                s.Remove(d);
            }
        };
}

/// <summary>A directory holding a host's database and its own copy of the sample estate.</summary>
public sealed class HostDirectory : IDisposable
{
    public HostDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qlrf-it-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path);
        File.Copy(SampleEstate, EstatePath);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "qlrf.db");

    public string EstatePath => System.IO.Path.Combine(Path, "estate.yaml");

    public static string SampleEstate { get; } = FindSample();

    public void EditEstate(Func<string, string> edit)
    {
        var before = File.ReadAllText(EstatePath);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(EstatePath, after);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindSample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "samples", "estate.yaml")))
        {
            dir = dir.Parent;
        }

        return System.IO.Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/estate.yaml"), "samples", "estate.yaml");
    }
}

/// <summary>Polls a condition; for waiting on background work, never for asserting speed.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }
}

/// <summary>Collects the host's warnings and errors so tests can assert a clean run.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly List<string> entries = [];

    public IReadOnlyList<string> WarningsAndErrors
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (owner.entries)
            {
                owner.entries.Add($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
            }
        }
    }
}
