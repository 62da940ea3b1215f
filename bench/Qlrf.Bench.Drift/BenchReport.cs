using System.Diagnostics;

namespace Qlrf.Bench.Drift;

/// <summary>
/// Prints the figures, each against its target where it has one. Rates are given by wall clock and by
/// the CPU time this process used, since a shared machine's load stretches the first but not the second.
/// </summary>
internal static class BenchReport
{
    public static TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime;

    public static void Line(string text) => Console.WriteLine(text);

    public static void Rate(string what, long count, TimeSpan elapsed, TimeSpan cpu, double? target = null)
    {
        var rate = count / elapsed.TotalSeconds;
        var cpuRate = count / Math.Max(cpu.TotalSeconds, 1e-6);
        var verdict = target is { } t ? $" (target >= {t:N0}/s: wall {(rate >= t ? "OK" : "MISSED")}, cpu {(cpuRate >= t ? "OK" : "MISSED")})" : string.Empty;
        Line($"{what}: {count:N0} in {elapsed.TotalSeconds:F2} s wall = {rate:N0}/s; {cpu.TotalSeconds:F2} s cpu = {cpuRate:N0}/s{verdict}");
    }

    public static void Duration(string what, TimeSpan elapsed, TimeSpan cpu, double? targetMs = null)
    {
        var verdict = targetMs is { } t ? $" (target < {t:N0} ms: wall {(elapsed.TotalMilliseconds < t ? "OK" : "MISSED")}, cpu {(cpu.TotalMilliseconds < t ? "OK" : "MISSED")})" : string.Empty;
        Line($"{what}: {elapsed.TotalMilliseconds:N0} ms wall, {cpu.TotalMilliseconds:N0} ms cpu{verdict}");
    }
}
