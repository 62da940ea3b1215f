using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// Starts a sweep of every source whose assets the rollout changed, so the changes flow through the
/// asset-change path into the inventory and drift. A source this host is already sweeping may have read
/// its assets before the last change, so it sweeps once more when that sweep ends; a source another host
/// is sweeping makes the activity throw, and the retry starts a fresh sweep later.
/// </summary>
public sealed class SweepSourcesActivity(SweepCoordinator coordinator, ILogger<SweepSourcesActivity> logger) : Activity<SweepSourcesInput, int>
{
    public override async Task<int> RunAsync(ActivityContext context, SweepSourcesInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var busy = new List<string>();
        var started = 0;
        foreach (var source in input.Sources)
        {
            try
            {
                if (await coordinator.RequestAsync(input.Organisation, source, SweepTrigger.Workflow, context.CancellationToken))
                {
                    started++;
                }
            }
            catch (ConflictException)
            {
                busy.Add(source);
                RolloutLogs.SweepBusy(logger, input.RolloutId, source);
            }
            catch (NotFoundException ex)
            {
                // The source is no longer configured; its assets follow whatever discovers them next.
                RolloutLogs.SweepNotStarted(logger, input.RolloutId, source, ex.Message);
            }
        }

        if (started > 0)
        {
            RolloutLogs.SweepsStarted(logger, input.RolloutId, started);
        }

        return busy.Count == 0
            ? started
            : throw new ConflictException($"{string.Join(", ", busy)} {(busy.Count == 1 ? "was" : "were")} sweeping on another host; a fresh sweep is needed after the rollout's changes.");
    }
}
