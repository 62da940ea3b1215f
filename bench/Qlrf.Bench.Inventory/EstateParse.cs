using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Qlrf.Sandbox;

namespace Qlrf.Bench.Inventory;

/// <summary>
/// The estate file parse, measured in a process of its own so its peak memory is its own: the parse's extra peak
/// is the peak working set after the parse less the working set before it.
/// </summary>
internal static class EstateParse
{
    public const string ChildVerb = "parse-estate-file";

    /// <summary>Runs the parse of <paramref name="yaml"/> in a child process and prints its figures.</summary>
    public static async Task<int> InChildAsync(string yaml)
    {
        var entry = Assembly.GetEntryAssembly()!.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(entry);
        }

        start.ArgumentList.Add(ChildVerb);
        start.ArgumentList.Add(yaml);
        using var child = Process.Start(start)!;
        Console.Write(await child.StandardOutput.ReadToEndAsync());
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The child's work: a cold parse of the file (the figures above), then a warm one for comparison.</summary>
    public static int Run(string yaml)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = Stopwatch.StartNew();
        EstateFile? estate = EstateFileReader.Read(yaml);
        watch.Stop();
        process.Refresh();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        collections = (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3);
        var extra = (process.PeakWorkingSet64 - before) / 1024.0 / 1024.0;
        var held = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"parsing a 100,000-asset estate file",-44} {watch.Elapsed.TotalMilliseconds,7:N0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,7:N0} ms cpu   {estate!.Assets.Count:N0} assets, {new FileInfo(yaml).Length / 1e6:N0} MB of YAML; target < 1 s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parse peak memory: {extra:N0} MB above the {before / 1024.0 / 1024.0:N0} MB working set before it (target < 150 MB); the parsed estate holds {held:N0} MB of heap; {allocated / 1024.0 / 1024.0:N0} MB allocated, {collections.Item1}/{collections.Item2}/{collections.Item3} gen0/1/2 collections"));
        GC.KeepAlive(estate);
        estate = null;
        GC.Collect();
        cpu = process.TotalProcessorTime;
        watch.Restart();
        var again = EstateFileReader.Read(yaml).Assets.Count;
        watch.Stop();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  the same parse again, code warm",-44} {watch.Elapsed.TotalMilliseconds,7:N0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,7:N0} ms cpu   {again:N0} assets"));
        return 0;
    }
}
