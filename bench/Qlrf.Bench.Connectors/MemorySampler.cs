using System.Diagnostics;

namespace Qlrf.Bench.Connectors;

/// <summary>Samples the managed heap every few milliseconds while a phase runs and keeps the highest value.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stop;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Baseline = GC.GetTotalMemory(forceFullCollection: true);
        thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public long Baseline { get; }

    public long Peak { get; private set; }

    public long PeakAboveBaseline => Peak - Baseline;

    private void Run()
    {
        while (!stop)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > Peak)
            {
                Peak = heap;
            }

            Thread.Sleep(2);
        }
    }

    public void Dispose()
    {
        stop = true;
        thread.Join();
    }

    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
