using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Qlrf.Bench.DurableEngines;

/// <summary>A child process's work: start one engine, run the scenarios on it, print one result line for the parent.</summary>
internal static class EngineRun
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        await using var engine = await StartAsync(options, loggers);
        Console.WriteLine($"{engine.Name}: {engine.Code}");
        foreach (var setting in engine.Settings)
        {
            Console.WriteLine($"  {setting}");
        }

        var result = new EngineResult
        {
            Engine = options.Engine!,
            Name = engine.Name,
            Code = engine.Code,
            Settings = engine.Settings,
            BoundBy = engine.BoundBy,
            ProcessorCount = Environment.ProcessorCount,
        };
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

        var rate = await MeasureAsync<double?>(result, "throughput", timeout, async () => await Scenarios.ThroughputAsync(engine, options.Orchestrations));
        Console.WriteLine($"  throughput: {rate:F1} five-activity orchestrations/s (N={options.Orchestrations})");
        var fanOut = await MeasureAsync<double?>(result, "fan-out", timeout, async () => (await Scenarios.FanOutAsync(engine, options.FanOut)).TotalSeconds);
        Console.WriteLine($"  fan-out: {options.FanOut} activities in {fanOut:F2} s");
        var (p50, p99) = await MeasureAsync<(double, double)?>(result, "event round trip", timeout, async () => await Scenarios.EventRoundTripAsync(engine, options.Samples)) ?? (double.NaN, double.NaN);
        Console.WriteLine($"  event round trip: p50 {p50:F1} ms, p99 {p99:F1} ms over {options.Samples} samples");

        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result with
        {
            OrchestrationsPerSecond = rate,
            FanOutSeconds = fanOut,
            EventP50Ms = double.IsNaN(p50) ? null : p50,
            EventP99Ms = double.IsNaN(p99) ? null : p99,
            EventSamples = options.Samples,
        }));
        return 0;
    }

    private static async Task<IEngine> StartAsync(BenchOptions options, ILoggerFactory loggers) => options.Engine switch
    {
        "embedded" => await EmbeddedEngine.StartAsync(),
        "testhost" => await TestHostEngine.StartAsync(loggers),
        "azure" => await AzureStorageEngine.StartAsync(
            TimeSpan.FromMilliseconds(options.AzurePollingMs), TimeSpan.FromMilliseconds(options.StatusPollMs), loggers),
        _ => throw new ArgumentException($"Unknown engine '{options.Engine}' (embedded, testhost, azure)."),
    };

    /// <summary>Runs one scenario; a failure or timeout is recorded and the next scenario still runs.</summary>
    private static async Task<T?> MeasureAsync<T>(EngineResult result, string scenario, TimeSpan timeout, Func<Task<T>> run)
    {
        try
        {
            return await run().WaitAsync(timeout);
        }
        catch (Exception failed) when (failed is InvalidOperationException or TimeoutException or IOException or HttpRequestException
            or Grpc.Core.RpcException or Azure.RequestFailedException)
        {
            result.Errors.Add($"{scenario}: {(failed is TimeoutException ? $"timed out after {timeout.TotalSeconds:F0} s" : failed.Message)}");
            Console.WriteLine($"  {scenario} FAILED: {failed.Message}");
            return default;
        }
    }
}
