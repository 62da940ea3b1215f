using System.Globalization;
using Microsoft.Extensions.Logging;
using Qlrf.Approvals;
using Qlrf.Workflows.Notifications;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Json;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Orchestration;

/// <summary>
/// One execution of a rollout orchestration: the plan, the progress, the compensations and the sources whose
/// assets changed. Like the orchestrator it serves, it only schedules (activities, timers, events, custom
/// status), and it is rebuilt the same way on every replay.
/// </summary>
internal sealed partial class RolloutRun(IOrchestrationContext context, PlannedRollout plan)
{
    private static readonly RetryPolicy SweepRetry = new(5, TimeSpan.FromSeconds(10), 2);
    private static readonly RetryPolicy StepRetry = new(3, TimeSpan.FromSeconds(2), 2);

    private readonly Compensations compensations = new();
    private readonly SortedSet<string> sources = new(StringComparer.Ordinal);
    private readonly ILogger logger = context.CreateReplaySafeLogger(typeof(RolloutOrchestrator).FullName!);

    public RolloutProgress Progress { get; private set; } = new() { Total = plan.Total, Waves = plan.WaveCount };

    private string Id => plan.RolloutId;

    private DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>Records a new status (and progress) on the rollout, with who caused it and why; audited by the activity.</summary>
    public Task SetStatusAsync(RolloutStatus status, string actor, string? reason, IReadOnlyList<RolloutAssetResult>? results = null)
    {
        Report(Progress with { Status = status });
        return context.CallActivityAsync(
            nameof(SetRolloutStatusActivity),
            new RolloutStatusChange(plan.Organisation, Id, status, actor, reason, Progress, results),
            TaskOptions.FromRetryPolicy(StepRetry));
    }

    /// <summary>Queues a notification for every channel (never waits for delivery); returns its id.</summary>
    public async Task<string> NotifyAsync(NotificationEvent what, string text, ApprovalView? approval = null, string? replaces = null, string? suffix = null)
    {
        var id = $"{Id}:{EnumText<NotificationEvent>.Of(what)}{(suffix is null ? string.Empty : ":" + suffix)}";
        await context.CallActivityAsync(nameof(NotifyActivity), new Notification
        {
            Id = id,
            Organisation = plan.Organisation,
            Event = what,
            Subject = Id,
            Text = $"Rollout {Id} of {plan.Target}: {text}",
            Approval = approval,
            Replaces = replaces,
            Data = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rolloutId"] = Id,
                ["target"] = plan.Target.ToString(),
                ["status"] = EnumText<RolloutStatus>.Of(Progress.Status),
                ["stage"] = Progress.Stage,
                ["done"] = Progress.Done.ToString(CultureInfo.InvariantCulture),
                ["failed"] = Progress.Failed.ToString(CultureInfo.InvariantCulture),
                ["total"] = Progress.Total.ToString(CultureInfo.InvariantCulture),
            },
            CreatedAt = Now,
        }, TaskOptions.FromRetryPolicy(StepRetry));
        return id;
    }

    /// <summary>Ends the rollout: records the final status, notifies, and sweeps the sources whose assets changed.</summary>
    public async Task<RolloutOutcome> FinishAsync(
        RolloutStatus status, string actor, string reason, NotificationEvent what, string? replaces = null, IReadOnlyList<RolloutAssetResult>? results = null)
    {
        await SetStatusAsync(status, actor, reason, results);
        await NotifyAsync(what, $"{EnumText<RolloutStatus>.Of(status).Replace('_', ' ')}: {reason}", replaces: replaces);
        if (sources.Count > 0)
        {
            try
            {
                await context.CallActivityAsync<int>(nameof(SweepSourcesActivity), new SweepSourcesInput(plan.Organisation, Id, [.. sources]), TaskOptions.FromRetryPolicy(SweepRetry));
            }
            catch (TaskFailedException ex)
            {
                // The sources' scheduled sweeps bring the changes in later; the rollout's outcome stands.
                RolloutLogs.NoSweep(logger, Id, ex.FailureDetails.ErrorMessage);
            }
        }

        return new RolloutOutcome(status, reason, Progress);
    }

    /// <summary>An internal step failed past its retries: move back what changed, and record the failure.</summary>
    public async Task<RolloutOutcome> FailAsync(TaskFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var problem = $"{failure.TaskName} failed: {failure.FailureDetails.ErrorMessage}";
        var (restored, unrestored) = await UnwindAsync();
        return await FinishAsync(RolloutStatus.Failed, "system", restored + unrestored.Count == 0 ? problem : $"{problem}; {Restored(restored, unrestored)}", NotificationEvent.Failed, results: unrestored);
    }

    private void Report(RolloutProgress progress)
    {
        Progress = progress;
        context.SetCustomStatus(progress);
    }

    private static string Restored(int restored, IReadOnlyList<RolloutAssetResult> unrestored) => unrestored.Count == 0
        ? $"{restored} changed assets were rolled back."
        : $"{restored} changed assets were rolled back; {unrestored.Count} could not be ({string.Join(", ", unrestored.Take(5).Select(r => r.AssetId))}{(unrestored.Count > 5 ? ", ..." : string.Empty)}).";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
