using System.Diagnostics;
using System.Net.Sockets;

namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// Azurite (npm package <c>azurite</c>) started for the run on free ports with in-memory persistence, and stopped
/// after (its working directory is a temp folder, removed after). It is looked for in the repository's <c>.tools/azurite</c> (where <c>.ci/install-azurite</c> puts it), then
/// on PATH; when missing it is installed into <c>.tools/azurite</c> with npm.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    public const string Version = "3.37.0";
    private readonly Process process;
    private readonly string location;

    private Azurite(Process process, string location, string executable, int blob, int queue, int table)
    {
        this.process = process;
        this.location = location;
        Executable = executable;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        Ports = (blob, queue, table);
    }

    public string ConnectionString { get; }

    public string Executable { get; }

    public (int Blob, int Queue, int Table) Ports { get; }

    public static async Task<Azurite> StartAsync()
    {
        var executable = await FindOrInstallAsync();
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var location = Path.Combine(Path.GetTempPath(), "qlrf-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                Console.Error.WriteLine($"  azurite: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, location, executable, blob, queue, table);
        await azurite.WaitForPortsAsync(TimeSpan.FromSeconds(30));
        return azurite;
    }

    private async Task WaitForPortsAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        foreach (var port in new[] { Ports.Blob, Ports.Queue, Ports.Table })
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (clock.Elapsed < timeout)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private static async Task<string> FindOrInstallAsync()
    {
        var root = RepositoryRoot();
        var local = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (File.Exists(local))
        {
            return local;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "azurite")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        Console.WriteLine($"  Azurite not found: installing azurite@{Version} into {Path.Combine(root, ".tools", "azurite")} with npm");
        var install = new ProcessStartInfo("npm") { WorkingDirectory = root };
        foreach (var argument in new[] { "install", "--prefix", ".tools/azurite", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", $"azurite@{Version}" })
        {
            install.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(install) ?? throw new InvalidOperationException("Could not start npm (Azurite needs node >= 18 and npm).");
        await npm.WaitForExitAsync();
        return npm.ExitCode == 0 && File.Exists(local) ? local : throw new InvalidOperationException($"npm could not install azurite@{Version}.");
    }

    /// <summary>The folder holding Qlrf.sln, above the working directory or this program.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Qlrf.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
