using System.Diagnostics;
using Qlrf.Orchestration;

namespace Qlrf.Bench.Durable;

/// <summary>One orchestration calling N activities at once and joining them with WhenAll.</summary>
internal static class FanOutBench
{
    public static async Task<TimeSpan> RunAsync(int activities)
    {
        await using var host = await BenchHost.StartAsync(Workflows.Register);
        var clock = Stopwatch.StartNew();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.FanOutAsync), activities);
        var state = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        clock.Stop();
        var expected = (long)activities * (activities + 1) / 2;
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed || state.ReadOutputAs<long>() != expected)
        {
            throw new InvalidOperationException($"The fan-out ended {state.RuntimeStatus} with {state.SerializedOutput}, expected {expected}.");
        }

        return clock.Elapsed;
    }
}
