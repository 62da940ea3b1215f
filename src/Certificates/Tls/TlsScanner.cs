namespace Qlrf.Certificates.Tls;

/// <summary>Scans many endpoints with bounded concurrency; results in the targets' order.</summary>
public static class TlsScanner
{
    public static async Task<IReadOnlyList<TlsProbeResult>> ScanAsync(ITlsProbe probe, IReadOnlyList<TlsTarget> targets, int maxConcurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(targets);
        var results = new TlsProbeResult[targets.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await probe.ProbeAsync(targets[i], ct));
        return results;
    }
}
