using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// Runs each engine in a child process of this program, one after another, so that no engine warms up, loads or
/// tunes the runtime for another, and so that InProcessTestHost can get its own <c>DOTNET_PROCESSOR_COUNT</c>: the
/// runtime reads it once at start-up, and the test host's dispatchers admit only that many work items at a time.
/// </summary>
internal static class ChildProcesses
{
    public static async Task<EngineResult?> RunAsync(string engine, BenchOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
        }

        foreach (var argument in options.ForChild(engine))
        {
            start.ArgumentList.Add(argument);
        }

        if (engine == "testhost")
        {
            start.Environment["DOTNET_PROCESSOR_COUNT"] = options.TestHostProcessors.ToString(CultureInfo.InvariantCulture);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        EngineResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(EngineRun.ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<EngineResult>(line[EngineRun.ResultPrefix.Length..]);
            }
            else
            {
                Console.WriteLine($"  [{engine}] {line}");
            }
        }

        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || result is null)
        {
            Console.WriteLine($"  [{engine}] exited with code {child.ExitCode} without a result");
        }

        return result;
    }
}
