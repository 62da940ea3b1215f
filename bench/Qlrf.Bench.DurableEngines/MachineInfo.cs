using System.Globalization;
using System.Runtime.InteropServices;

namespace Qlrf.Bench.DurableEngines;

/// <summary>What the figures were measured on: cores, CPU, memory, OS, .NET, and the load average when the run began.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return $"cores: {Environment.ProcessorCount} ({Read("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()})";
        if (Read("/proc/meminfo", "MemTotal") is { } memory && long.TryParse(memory.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
        {
            yield return $"memory: {kb / 1024.0 / 1024.0:F1} GiB";
        }

        yield return $"OS: {RuntimeInformation.OSDescription}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), workstation GC";
        if (File.Exists("/proc/loadavg"))
        {
            yield return $"load average at start (1/5/15 min): {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}";
        }
    }

    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string? Read(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}
