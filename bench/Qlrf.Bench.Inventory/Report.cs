using System.Diagnostics;
using System.Globalization;

namespace Qlrf.Bench.Inventory;

/// <summary>A measured interval: wall time, and the process's CPU time over it (less disturbed when other work shares the cores).</summary>
internal readonly record struct Measured<T>(T Value, TimeSpan Wall, TimeSpan Cpu);

internal static class Report
{
    public static async Task<Measured<T>> MeasureAsync<T>(Func<Task<T>> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var value = await work();
        watch.Stop();
        process.Refresh();
        return new Measured<T>(value, watch.Elapsed, process.TotalProcessorTime - cpu);
    }

    public static void Line<T>(string what, Measured<T> m, string detail) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-44} {m.Wall.TotalMilliseconds,7:N0} ms wall {m.Cpu.TotalMilliseconds,7:N0} ms cpu   {detail}"));

    public static string Rate<T>(int count, Measured<T> m) =>
        string.Create(CultureInfo.InvariantCulture, $"{count / m.Wall.TotalSeconds:N0} events/s wall, {count / m.Cpu.TotalSeconds:N0} events/cpu-s");
}
