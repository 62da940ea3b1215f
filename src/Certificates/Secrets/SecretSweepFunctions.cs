using Microsoft.Extensions.Hosting;
using Qlrf.Certificates.Sweeps;
using Qlrf.Triggers;

namespace Qlrf.Secrets;

/// <summary>The secret sweep timer's function: each source whose own schedule had an occurrence since the previous tick sweeps.</summary>
public sealed class SecretSweepFunctions(SecretSweeper sweeper, SecretSourceRegistry sources)
{
    /// <summary>The app setting holding the tick's schedule.</summary>
    public const string ScheduleSetting = "QLRF_SECRET_SWEEP_SCHEDULE";

    public const string DefaultSchedule = "0 * * * * *";

    public Task<int> RunDueSecretSweepsAsync(TimerTick tick, CancellationToken cancellationToken) =>
        ScheduledSweeps.RunDueAsync(sources.Definitions, (d, ct) => sweeper.SweepAsync(d.Organisation, d.Name, ct), tick, cancellationToken);
}

/// <summary>Sweeps, once the host has started, every secret source set to sweep at start-up (the local host).</summary>
public sealed class SecretStartupSweeps(SecretSweeper sweeper, SecretSourceRegistry sources) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await ScheduledSweeps.RunAtStartupAsync(sources.Definitions, (d, ct) => sweeper.SweepAsync(d.Organisation, d.Name, ct), stoppingToken);
    }
}
