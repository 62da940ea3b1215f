using System.Diagnostics;
using System.Globalization;
using Qlrf.Bench.Durable;

namespace Qlrf.Bench.DurableEngines;

/// <summary>The three scenarios, written once against <see cref="IEngine"/>, each checking every result it waits for.</summary>
internal static class Scenarios
{
    /// <summary>N five-activity sequential orchestrations started at once; the rate from the first start to the last completion.</summary>
    public static async Task<double> ThroughputAsync(IEngine engine, int orchestrations)
    {
        await RunFiveAsync(engine, Enumerable.Range(0, Math.Max(5, orchestrations / 20)));
        var clock = Stopwatch.StartNew();
        await RunFiveAsync(engine, Enumerable.Range(1000, orchestrations));
        return orchestrations / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One orchestration calling <paramref name="activities"/> activities at once and joining them: start to completion.</summary>
    public static async Task<TimeSpan> FanOutAsync(IEngine engine, int activities)
    {
        var clock = Stopwatch.StartNew();
        var id = await engine.StartAsync(nameof(Workflows.FanOutAsync), activities);
        var output = await engine.WaitForCompletionAsync(id);
        clock.Stop();
        Expect(engine, output, (long)activities * (activities + 1) / 2);
        return clock.Elapsed;
    }

    /// <summary>
    /// Event round trip, one at a time on an otherwise idle engine: an instance waiting for an event is Running; the
    /// clock runs from raising the event until the client sees the instance Completed.
    /// </summary>
    public static async Task<(double P50, double P99)> EventRoundTripAsync(IEngine engine, int samples)
    {
        var warmUp = Math.Max(2, samples / 10);
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples + warmUp; i++)
        {
            var id = await engine.StartAsync(nameof(Workflows.AwaitEventAsync), i);
            await engine.WaitUntilRunningAsync(id);
            var raised = Stopwatch.GetTimestamp();
            await engine.RaiseEventAsync(id, Workflows.Go, 1);
            var output = await engine.WaitForCompletionAsync(id);
            var elapsed = Stopwatch.GetElapsedTime(raised).TotalMilliseconds;
            Expect(engine, output, i + 1);
            if (i >= warmUp)
            {
                latencies.Add(elapsed);
            }
        }

        latencies.Sort();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task RunFiveAsync(IEngine engine, IEnumerable<int> inputs)
    {
        var started = await Task.WhenAll(inputs.Select(async input => (Input: input, Id: await engine.StartAsync(nameof(Workflows.FiveActivitiesAsync), input))));
        foreach (var (input, id) in started)
        {
            Expect(engine, await engine.WaitForCompletionAsync(id), input + 5);
        }
    }

    private static void Expect(IEngine engine, string? output, long expected)
    {
        if (!long.TryParse(output, NumberStyles.Integer, CultureInfo.InvariantCulture, out var actual) || actual != expected)
        {
            throw new InvalidOperationException($"{engine.Name}: output {output ?? "null"}, expected {expected}.");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
