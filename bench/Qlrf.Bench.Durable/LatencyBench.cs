using System.Diagnostics;
using Qlrf.Orchestration;

namespace Qlrf.Bench.Durable;

/// <summary>
/// Latency from raising an external event to the orchestrator's step that applies it being committed (the client's
/// completion wait returns then), measured while a background load starts five-activity orchestrations at a fixed rate.
/// </summary>
internal static class LatencyBench
{
    public static async Task<(double P50, double P99, int Samples, double BackgroundRate)> RunAsync(int samples, int backgroundPerSecond)
    {
        await using var host = await BenchHost.StartAsync(Workflows.Register);
        using var stop = new CancellationTokenSource();
        var started = 0;
        var background = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            var perTick = backgroundPerSecond / 10;
            try
            {
                while (await tick.WaitForNextTickAsync(stop.Token))
                {
                    for (var i = 0; i < perTick; i++)
                    {
                        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.FiveActivitiesAsync), i);
                        Interlocked.Increment(ref started);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var warmUp = samples / 10;
        var latencies = new List<double>(samples);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples + warmUp; i++)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.AwaitEventAsync), i);
            while ((await host.Client.GetInstanceAsync(id))!.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(1);
            }

            var raised = Stopwatch.GetTimestamp();
            await host.Client.RaiseEventAsync(id, Workflows.Go, 1);
            await host.Client.WaitForInstanceCompletionAsync(id);
            if (i >= warmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(raised).TotalMilliseconds);
            }
        }

        var rate = started / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await background;
        latencies.Sort();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count, rate);
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
