using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Qlrf.Messaging.StorageQueues;
using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// Azurite (the Azure Storage emulator, from <c>.ci/install-azurite</c>) for the tests that need real Table Storage and
/// Storage queues: started once for the <see cref="AzuriteCollection"/> with in-memory persistence on ports the OS
/// picks (read back from its output), and killed at the end. Not installed, it is installed as CI does; when that
/// cannot be done, the tests of the collection fail saying how to install it. <c>QLRF_AZURITE</c> may name another <c>azurite</c> executable.
/// </summary>
public sealed partial class Azurite : IAsyncLifetime
{
    /// <summary>The emulator's one account and its key, the same in every Azurite (documented, not a secret).</summary>
    public const string Account = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> ports = new(StringComparer.Ordinal);
    private readonly List<string> output = [];
    private Process? process;
    private string? directory;

    /// <summary>A connection string with the table and queue endpoints of this Azurite.</summary>
    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{Port("Queue")}/{Account};TableEndpoint=http://127.0.0.1:{Port("Table")}/{Account};";

    public TableServiceClient TableService => new(ConnectionString);

    /// <summary>A blob container no other test uses (not created yet), in this Azurite's blob service.</summary>
    public Azure.Storage.Blobs.BlobContainerClient NewBlobContainer() =>
        new($"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port("Blob")}/{Account};",
            "c-" + Guid.NewGuid().ToString("N")[..20]);

    /// <summary>The queue service as the app's clients reach it (Base64 messages).</summary>
    public QueueServiceClient QueueService => new(ConnectionString, AssetChangeQueues.ClientOptions);

    /// <summary>The stores' tables, real <see cref="AzureTables"/>, under a prefix of their own: fresh, empty tables.</summary>
    public AzureTables NewTables() => new(TableService, "T" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A queue name no other test uses.</summary>
    public static string NewQueueName() => "q-" + Guid.NewGuid().ToString("N")[..20];

    public async Task InitializeAsync()
    {
        var executable = Executable() ?? await InstallAsync() ?? throw new InvalidOperationException(
            "Azurite is not installed: run .ci/install-azurite from the repository root (it needs node and npm; .ci/run does it), " +
            "or set QLRF_AZURITE to an azurite executable.");
        directory = Path.Combine(Path.GetTempPath(), "qlrf-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Read(e.Data, listening);
        process.ErrorDataReceived += (_, e) => Read(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited at start:\n{Output()}"));
        process.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            Stop();
            throw new InvalidOperationException($"Azurite did not listen within {StartTimeout.TotalSeconds} s:\n{Output()}");
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>
    /// On a fresh clone, installs Azurite as CI does (<c>.ci/install-azurite</c>, npm into <c>.tools/azurite</c>), so that
    /// <c>dotnet test Qlrf.sln</c> alone runs every test; null when it cannot (no repository, no bash, node or npm).
    /// </summary>
    private static async Task<string?> InstallAsync()
    {
        if (Environment.GetEnvironmentVariable("QLRF_AZURITE") is { Length: > 0 } || RepositoryRoot() is not { } root)
        {
            return null;
        }

        var install = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        install.ArgumentList.Add(Path.Combine(root, ".ci", "install-azurite"));
        try
        {
            using var running = Process.Start(install)!;
            var stdout = running.StandardOutput.ReadToEndAsync();
            var stderr = running.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await running.WaitForExitAsync(timeout.Token);
            return running.ExitCode == 0 ? Executable() : throw new InvalidOperationException(
                $".ci/install-azurite failed (exit {running.ExitCode}); run it from the repository root to see why:\n{await stdout}{await stderr}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qlrf.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? Executable()
    {
        if (Environment.GetEnvironmentVariable("QLRF_AZURITE") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var installed = RepositoryRoot() is { } root ? Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite") : null;
        return installed is not null && File.Exists(installed) ? installed : null;
    }

    private void Read(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (ports.ContainsKey("Queue") && ports.ContainsKey("Table") && ports.ContainsKey("Blob"))
                {
                    listening.TrySetResult();
                }
            }
        }
    }

    private int Port(string service)
    {
        lock (output)
        {
            return ports.TryGetValue(service, out var port) ? port : throw new InvalidOperationException($"Azurite's {service} service is not listening.");
        }
    }

    private string Output()
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    private void Stop()
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started, or gone already.
        }

        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

/// <summary>The tests that run against <see cref="Azurite"/>: one emulator for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
