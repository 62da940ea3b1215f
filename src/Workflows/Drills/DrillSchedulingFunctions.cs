using Microsoft.Extensions.Logging;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Execution;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// The drill scheduler's timer function: starts the scheduled drills that are due. Each occurrence is claimed
/// (moved on to the pair's next occurrence) before its drill starts, so two schedulers never start it twice; a
/// host that was down catches up with one drill, not one per missed occurrence. A drill of a pair that already has
/// a live one is skipped.
/// </summary>
public sealed class DrillSchedulingFunctions(IDrPairStore pairs, DrillLauncher launcher, TimeProvider time, ILogger<DrillSchedulingFunctions> logger)
{
    /// <summary>The app setting holding the timer's schedule; where absent, <c>Qlrf:Dr:SchedulerSchedule</c>.</summary>
    public const string ScheduleSetting = "QLRF_DR_SCHEDULE";

    /// <summary>Due drills started per run at most; the rest start on the next run.</summary>
    public const int BatchSize = 100;

    /// <summary>The system actor that requests scheduled drills.</summary>
    public const string Scheduler = "system";

    /// <summary>Starts every scheduled drill that is due; returns the ids of the drills started.</summary>
    public async Task<IReadOnlyList<string>> StartDueDrillsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var started = new List<string>();
        foreach (var due in await pairs.ListDueAsync(now, BatchSize, cancellationToken))
        {
            var pair = await pairs.GetAsync(due.Organisation, due.PairId, cancellationToken);
            var next = pair is null ? null : DrPairRules.NextDrillAt(pair, now);
            if (!await pairs.ClaimDueAsync(due.Organisation, due.PairId, due.DueAt, next, cancellationToken) || pair?.Schedule is not { } schedule)
            {
                continue;
            }

            try
            {
                var request = new DrillRequest(schedule.Kind, DryRun: false, DrillTrigger.Schedule, Scheduler, $"schedule:{pair.Id}:{due.DueAt:O}");
                var start = await launcher.StartAsync(pair, request, cancellationToken);
                if (start.Result == DrillStartResult.Started)
                {
                    started.Add(start.Drill.Id);
                    DrLogs.ScheduledDrillStarted(logger, pair.Id, pair.Organisation, due.DueAt, start.Drill.Id);
                }
            }
            catch (Exception ex) when (ex is ConflictException or ExecutorException)
            {
                DrLogs.ScheduledDrillSkipped(logger, pair.Id, pair.Organisation, due.DueAt, ex.Message);
            }
        }

        return started;
    }
}
