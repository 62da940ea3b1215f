using System.Diagnostics;
using System.Globalization;
using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.CrashSafety;

/// <summary>
/// Crash safety across processes: a host process (tests/Qlrf.Durable.TestHost) is killed with SIGKILL mid-run and
/// started again. Every instance completes, its history is written exactly once, and every activity has run at
/// least once.
/// </summary>
public sealed class ProcessKillTests
{
    private const int Instances = 6;
    private const int FanOut = 6;

    /// <summary>Activity runs the first host finishes; the rest hang until it is killed, so the kill always comes mid-run.</summary>
    private const int FinishedBeforeKill = 2 * Instances;

    [Fact]
    public async Task A_host_killed_mid_run_and_started_again_completes_every_instance_exactly_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), "qlrf-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "qlrf.db");
        var runLog = Path.Combine(directory, "run.log");
        var expected = Enumerable.Range(0, Instances)
            .SelectMany(i => new[] { $"p{i}:first", $"p{i}:second", $"p{i}:third" }.Concat(Enumerable.Range(0, FanOut).Select(j => $"p{i}-fan:{j}")))
            .ToList();
        try
        {
            using (var first = StartHost(database, runLog, FinishedBeforeKill))
            {
                await DurableHost.UntilAsync(() => Lines(runLog).Count >= FinishedBeforeKill, "the first host to finish its share of the activities");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }

            Assert.Equal(FinishedBeforeKill, Lines(runLog).Count);

            using (var second = StartHost(database, runLog, stallAfter: null))
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                await second.WaitForExitAsync(patience.Token);
                Assert.True(second.ExitCode == 0, await second.StandardError.ReadToEndAsync());
            }

            await using var store = await DurableHost.StartAsync(_ => { }, directory: directory, start: false);
            for (var i = 0; i < Instances; i++)
            {
                var state = await store.Client.GetInstanceAsync($"p{i}", getInputsAndOutputs: true);
                Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
                Assert.Equal($"first+second+{FanOut}+third", state.ReadOutputAs<string>());
                HistoryAudit.AssertWrittenOnce(store, $"p{i}");
                HistoryAudit.AssertWrittenOnce(store, $"p{i}-fan");
            }

            var ran = Lines(runLog).ToHashSet(StringComparer.Ordinal);
            Assert.All(expected, key => Assert.Contains(key, ran));
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Process StartHost(string database, string runLog, int? stallAfter)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Qlrf.Durable.TestHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { host, database, runLog, Instances.ToString(CultureInfo.InvariantCulture), FanOut.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (stallAfter is { } count)
        {
            start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static List<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
