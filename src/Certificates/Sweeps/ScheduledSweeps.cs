using Qlrf.Triggers;

namespace Qlrf.Certificates.Sweeps;

/// <summary>
/// Runs configured sources' sweeps on their own schedules from one timer, and at start-up: what certificate and
/// secret sweeps share. A failing source is logged by its sweeper and does not stop the others.
/// </summary>
public static class ScheduledSweeps
{
    /// <summary>Sweeps each source whose schedule had an occurrence since the previous tick (on a host's first tick, those set to sweep at start-up too); returns how many swept.</summary>
    public static async Task<int> RunDueAsync(IEnumerable<CertificateSourceDefinition> definitions, Func<CertificateSourceDefinition, CancellationToken, Task> sweep, TimerTick tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var due = definitions.Where(d => tick.Covers(d.Schedule) || (tick.PreviousScheduledAt is null && d.SweepAtStartup)).ToList();
        return await SweepEachAsync(due, sweep, cancellationToken);
    }

    /// <summary>Sweeps every source set to sweep at start-up.</summary>
    public static Task<int> RunAtStartupAsync(IEnumerable<CertificateSourceDefinition> definitions, Func<CertificateSourceDefinition, CancellationToken, Task> sweep, CancellationToken cancellationToken) =>
        SweepEachAsync([.. definitions.Where(d => d.SweepAtStartup)], sweep, cancellationToken);

    private static async Task<int> SweepEachAsync(IReadOnlyList<CertificateSourceDefinition> definitions, Func<CertificateSourceDefinition, CancellationToken, Task> sweep, CancellationToken cancellationToken)
    {
        var swept = 0;
        foreach (var definition in definitions)
        {
            try
            {
                await sweep(definition, cancellationToken);
                swept++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged by the sweeper; the other sources still sweep, and the schedule tries again.
            }
        }

        return swept;
    }
}
