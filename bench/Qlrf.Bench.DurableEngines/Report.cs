using System.Globalization;

namespace Qlrf.Bench.DurableEngines;

/// <summary>The side-by-side table (Markdown, so that it pastes into the README as printed) and what bounds each engine.</summary>
internal static class Report
{
    public static void Print(BenchOptions options, IReadOnlyList<EngineResult> results)
    {
        var baseline = results.FirstOrDefault(r => r.Engine == "embedded");
        Console.WriteLine();
        Console.WriteLine("| scenario | " + string.Join(" | ", results.Select(Header)) + " |");
        Console.WriteLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        Row($"five-activity sequential, N={options.Orchestrations} (orchestrations/s, higher is better)", r => r.OrchestrationsPerSecond, "F1");
        Row($"fan-out of {options.FanOut:N0} activities (s, lower is better)", r => r.FanOutSeconds, "F2");
        Row($"event round trip p50, {options.Samples} samples (ms, lower is better)", r => r.EventP50Ms, "F1");
        Row($"event round trip p99, {options.Samples} samples (ms, lower is better)", r => r.EventP99Ms, "F1");
        Console.WriteLine();
        Console.WriteLine("Ratios are each figure divided by the embedded runtime's (above 1: more orchestrations/s, or more time).");
        Console.WriteLine("What bounds each:");
        foreach (var result in results)
        {
            Console.WriteLine($"  {result.Name}: {result.BoundBy}. Runs {result.Code}; process saw {result.ProcessorCount} processors.");
            foreach (var error in result.Errors)
            {
                Console.WriteLine($"    FAILED {error}");
            }
        }

        void Row(string scenario, Func<EngineResult, double?> figure, string format) =>
            Console.WriteLine($"| {scenario} | " + string.Join(" | ", results.Select(r => Cell(figure(r), baseline is null || r == baseline ? null : figure(baseline), format))) + " |");
    }

    private static string Header(EngineResult result) => result.Engine switch
    {
        "embedded" => "(a) embedded, SQLite",
        "testhost" => "(b) InProcessTestHost, via adapter",
        "azure" => "(c) DurableTask.Core + Azure Storage on Azurite, native",
        _ => result.Name,
    };

    private static string Cell(double? value, double? baseline, string format) => value switch
    {
        null => "failed",
        { } v when baseline is { } b and > 0 => $"{v.ToString(format, CultureInfo.InvariantCulture)} ({(v / b).ToString(v / b < 0.1 ? "F3" : "F2", CultureInfo.InvariantCulture)}×)",
        { } v => v.ToString(format, CultureInfo.InvariantCulture),
    };
}
