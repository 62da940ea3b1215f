using System.Diagnostics;
using System.Globalization;

namespace Qlrf.Bench.Images;

/// <summary>
/// What a phase cost: wall and CPU time, bytes allocated (all threads), the peak managed heap while it ran, and the
/// process's working set before it and peak working set (since the process started) after it.
/// </summary>
internal readonly record struct Cost(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, long WorkingSetBefore, long PeakWorkingSet, long PeakHeap)
{
    public static async Task<(T Value, Cost Cost)> OfAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        using var heap = new HeapSampler();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var value = await work();
        watch.Stop();
        var cost = new Cost(watch.Elapsed, ProcessorTime(process) - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, before, PeakWorkingSetOf(process), heap.Peak);
        return (value, cost);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Wall.TotalMilliseconds,8:N0} ms wall {Cpu.TotalMilliseconds,8:N0} ms cpu   allocated {AllocatedBytes / 1048576.0,7:N1} MB   peak managed heap {PeakHeap / 1048576.0,6:N1} MB   working set {WorkingSetBefore / 1048576.0,6:N1} MB before, peak {PeakWorkingSet / 1048576.0,6:N1} MB");

    private static TimeSpan ProcessorTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static long PeakWorkingSetOf(Process process)
    {
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>Samples the managed heap every few milliseconds while a phase runs and keeps the highest value.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Thread thread;
        private volatile bool stop;

        public HeapSampler()
        {
            thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            thread.Start();
        }

        public long Peak { get; private set; }

        public void Dispose()
        {
            stop = true;
            thread.Join();
        }

        private void Run()
        {
            while (!stop)
            {
                Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(2);
            }
        }
    }
}
