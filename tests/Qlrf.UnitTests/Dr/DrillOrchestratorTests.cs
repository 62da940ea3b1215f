using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Workflows.Notifications;
using Qlrf.Json;
using Qlrf.Notifications;

namespace Qlrf.UnitTests.Dr;

/// <summary>The drill orchestrator on a hand-driven context: the happy path, measurements, and each phase failing.</summary>
public sealed class DrillOrchestratorTests
{
    private static async Task<DrillReport> ApprovedAsync(DrillPlatformFake platform, DrillInput input)
    {
        var drill = platform.RunAsync(input);
        Assert.False(drill.IsCompleted);
        platform.Approve();
        return await platform.FinishAsync(drill);
    }

    private static PhaseOutcome Outcome(DrillReport report, DrillPhase phase) => report.Phases.Single(p => p.Phase == phase).Outcome;

    [Fact]
    public async Task An_approved_test_failover_runs_the_eight_phases_in_order_and_passes_with_measured_rto_and_rpo()
    {
        var platform = new DrillPlatformFake();

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.All(report.Phases, p => Assert.Equal(PhaseOutcome.Passed, p.Outcome));
        Assert.Equal(Enum.GetValues<DrillPhase>(), report.Phases.Select(p => p.Phase));
        Assert.Equal(
            [
                nameof(RecordDrillProgressActivity), nameof(DrillPreCheckActivity),
                nameof(OpenApprovalActivity), nameof(RecordDrillProgressActivity), nameof(NotifyActivity), nameof(OpenApprovalActivity), nameof(NotifyActivity),
                nameof(RecordDrillProgressActivity), nameof(StartDrJobActivity), nameof(GetDrJobActivity),
                nameof(RecordDrillProgressActivity), nameof(StartDrJobActivity), nameof(GetDrJobActivity),
                nameof(RecordDrillProgressActivity), nameof(CheckRecoveryActivity),
                nameof(RecordDrillProgressActivity), nameof(StartDrJobActivity), nameof(GetDrJobActivity),
                nameof(RecordDrillProgressActivity), nameof(DrillPostCheckActivity),
                nameof(FinishDrillActivity), nameof(NotifyActivity),
            ],
            platform.Steps);
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback], platform.Started);
        Assert.Equal(TimeSpan.FromSeconds(20), report.Rto!.Measured);
        Assert.True(report.Rto.Met);
        Assert.Equal(TimeSpan.FromSeconds(1), report.Rpo!.Measured);
        Assert.True(report.Rpo.Met);
        Assert.Equal("user:bob", Assert.Single(report.Approval!.Decisions).Actor);
        Assert.Equal(["db-1", "db-2"], report.Workloads);
        Assert.Equal((report.DrillId, report.Summary), (platform.Finished!.DrillId, platform.Finished.Summary));
        Assert.Contains("clean up the test failover at site-b", Assert.Single(report.Restored).Step);
        Assert.True(platform.RecoveryChecks > 1);
        Assert.Equal(0, platform.Context.OpenTimers);
    }

    [Fact]
    public async Task The_approval_is_requested_of_the_pairs_environment_and_announced_with_its_view()
    {
        var platform = new DrillPlatformFake();

        await ApprovedAsync(platform, platform.Input(kind: DrillKind.PlannedFailover) with { Settings = DrillPlatformFake.Settings with { RequiredApprovals = 2 } });

        var approval = platform.Opened[0];
        Assert.Equal(("drill", "dr-acme-1", "user:alice", 2), (approval.Kind, approval.Subject, approval.RequestedBy, approval.RequiredApprovals));
        Assert.Equal(["prod"], approval.Environments);
        var request = platform.Notifications[0];
        Assert.Equal(NotificationEvent.AwaitingApproval, request.Event);
        Assert.Equal("High", request.Approval!.RiskLevel);
        Assert.Equal(request.Id, platform.Notifications[1].Replaces);
        Assert.Equal(NotificationEvent.Approved, platform.Notifications[1].Event);
        Assert.Equal(NotificationEvent.Completed, platform.Notifications[^1].Event);
    }

    [Fact]
    public async Task A_failed_pre_check_stops_the_drill_before_approval_and_changes_nothing()
    {
        var platform = new DrillPlatformFake();
        platform.PreCheck = platform.PreCheck with { Passed = false, Summary = "Replication lag 2m exceeds the RPO target 1m.", FailedSite = "site-b" };

        var report = await platform.FinishAsync(platform.RunAsync(platform.Input()));

        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Equal(new DrillFailure(DrillPhase.PreCheck, "site-b", "Replication lag 2m exceeds the RPO target 1m."), report.Failure);
        Assert.Empty(platform.Opened);
        Assert.Empty(platform.Started);
        Assert.Equal(PhaseOutcome.NotRun, Outcome(report, DrillPhase.Failover));
        Assert.Null(report.Rto);
    }

    [Fact]
    public async Task A_rejected_drill_changes_nothing()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());
        platform.Reject();

        var report = await platform.FinishAsync(drill);

        Assert.Equal(DrillOutcome.Rejected, report.Outcome);
        Assert.Empty(platform.Started);
        Assert.Null(report.Failure);
        Assert.Contains("rejected by user:bob (not today)", report.Summary, StringComparison.Ordinal);
        Assert.Equal(NotificationEvent.Rejected, platform.Notifications[^1].Event);
    }

    [Fact]
    public async Task An_approval_nobody_decides_expires_after_its_timeout_and_nothing_runs()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());

        platform.Context.Advance(TimeSpan.FromHours(23));
        Assert.False(drill.IsCompleted);
        platform.Context.Advance(TimeSpan.FromHours(1));

        var report = await platform.FinishAsync(drill);
        Assert.Equal(DrillOutcome.Expired, report.Outcome);
        Assert.Empty(platform.Started);
        Assert.Contains(nameof(ExpireApprovalActivity), platform.Steps);
    }

    [Fact]
    public async Task A_failed_sync_ends_the_drill_before_failover_so_there_is_nothing_to_fail_back()
    {
        var platform = new DrillPlatformFake();
        platform.FailingJobs.Add(DrJobKind.Sync);

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Equal((DrillPhase.ReplicationSync, "site-b"), (report.Failure!.Phase, report.Failure.Site));
        Assert.Equal([DrJobKind.Sync], platform.Started);
        Assert.Equal(PhaseOutcome.Skipped, Outcome(report, DrillPhase.Failback));
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.PostCheck));
        Assert.Empty(report.Restored);
    }

    [Fact]
    public async Task A_failed_failover_is_compensated_by_failback()
    {
        var platform = new DrillPlatformFake();
        platform.FailingJobs.Add(DrJobKind.Failover);

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal((DrillOutcome.Failed, DrillPhase.Failover), (report.Outcome, report.Failure!.Phase));
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback], platform.Started);
        Assert.Equal(PhaseOutcome.NotRun, Outcome(report, DrillPhase.Validation));
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.Failback));
        Assert.True(Assert.Single(report.Restored).Succeeded);
        Assert.Null(report.Rto);
    }

    [Fact]
    public async Task An_activity_that_keeps_failing_during_failover_fails_the_drill_and_failback_still_runs()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(StartDrJobActivity) + ":" + DrJobKind.Failover);

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal(DrillPhase.Failover, report.Failure!.Phase);
        Assert.Contains("StartDrJobActivity:Failover failed", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failback], platform.Started);
    }

    [Fact]
    public async Task Unhealthy_workloads_are_checked_until_the_rto_target_then_fail_validation_and_are_failed_back()
    {
        var platform = new DrillPlatformFake();
        platform.Unhealthy = true;

        var report = await ApprovedAsync(platform, platform.Input(DrillPlatformFake.Pair(rto: TimeSpan.FromMinutes(2))));

        Assert.Equal((DrillOutcome.Failed, DrillPhase.Validation, "site-b"), (report.Outcome, report.Failure!.Phase, report.Failure.Site));
        Assert.StartsWith("Validation failed at site-b: db-1: application check failing", report.Failure.Reason, StringComparison.Ordinal);
        var validation = report.Phases.Single(p => p.Phase == DrillPhase.Validation);
        Assert.Equal(report.Rto!.FailoverStartedAt + TimeSpan.FromMinutes(2), validation.FinishedAt);
        Assert.True(platform.RecoveryChecks >= 20);
        Assert.Equal(DrJobKind.Failback, platform.Started[^1]);
        Assert.Equal((null, false), (report.Rto.Measured, report.Rto.Met));
    }

    [Fact]
    public async Task Workloads_healthy_only_after_the_rto_target_fail_the_drill_on_rto_with_the_rto_measured()
    {
        var platform = new DrillPlatformFake { FailoverTakes = TimeSpan.FromSeconds(90), WarmUp = TimeSpan.Zero };

        var report = await ApprovedAsync(platform, platform.Input(DrillPlatformFake.Pair(rto: TimeSpan.FromMinutes(1))));

        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(90), report.Rto!.Measured);
        Assert.False(report.Rto.Met);
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.Validation));
        Assert.Equal((DrillPhase.Validation, "RTO 1m 30s exceeds the target 1m 0s."), (report.Failure!.Phase, report.Failure.Reason));
        Assert.Equal(DrJobKind.Failback, platform.Started[^1]);
    }

    [Fact]
    public async Task Workloads_still_starting_when_the_rto_target_passes_fail_validation()
    {
        var platform = new DrillPlatformFake { WarmUp = TimeSpan.FromMinutes(10) };

        var report = await ApprovedAsync(platform, platform.Input(DrillPlatformFake.Pair(rto: TimeSpan.FromMinutes(1))));

        Assert.Equal(DrillPhase.Validation, report.Failure!.Phase);
        Assert.StartsWith("The workloads were not healthy at site-b within the RTO target 1m 0s", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Equal(DrJobKind.Failback, platform.Started[^1]);
    }

    [Fact]
    public async Task A_replication_lag_at_failover_over_the_rpo_target_fails_the_drill_on_rpo()
    {
        var platform = new DrillPlatformFake { LagAfterSync = TimeSpan.FromSeconds(90) };

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal(DrillOutcome.Failed, report.Outcome);
        Assert.Equal((TimeSpan.FromSeconds(90), false), (report.Rpo!.Measured, report.Rpo.Met));
        Assert.Equal(DrillPhase.Failover, report.Failure!.Phase);
        Assert.True(report.Rto!.Met);
        Assert.Equal(report.Rto.FailoverStartedAt - TimeSpan.FromSeconds(90), report.Rpo.RecoveryPointAt);
    }

    [Fact]
    public async Task A_failback_that_fails_is_reported_as_not_restored()
    {
        var platform = new DrillPlatformFake();
        platform.FailingJobs.Add(DrJobKind.Failback);

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal((DrillOutcome.Failed, DrillPhase.Failback), (report.Outcome, report.Failure!.Phase));
        Assert.False(Assert.Single(report.Restored).Succeeded);
        Assert.Contains("Failback did not complete", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_failover_unwinds_failback_then_the_resumption_of_replication()
    {
        var platform = new DrillPlatformFake();

        var report = await ApprovedAsync(platform, platform.Input(kind: DrillKind.PlannedFailover));

        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback, DrJobKind.ResumeReplication], platform.Started);
        Assert.Equal(["fail back to site-a", "resume replication site-a → site-b"], report.Restored.Select(r => r.Step));
    }

    [Fact]
    public async Task When_failback_of_a_planned_failover_fails_replication_is_not_resumed()
    {
        var platform = new DrillPlatformFake();
        platform.FailingJobs.Add(DrJobKind.Failback);

        var report = await ApprovedAsync(platform, platform.Input(kind: DrillKind.PlannedFailover));

        Assert.DoesNotContain(DrJobKind.ResumeReplication, platform.Started);
        Assert.Equal([false, false], report.Restored.Select(r => r.Succeeded));
        Assert.StartsWith("not run", report.Restored[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pre_check_that_cannot_run_fails_the_drill_before_approval()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(DrillPreCheckActivity));

        var report = await platform.FinishAsync(platform.RunAsync(platform.Input()));

        Assert.Equal((DrillOutcome.Failed, DrillPhase.PreCheck), (report.Outcome, report.Failure!.Phase));
        Assert.Contains("DrillPreCheckActivity failed", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Empty(platform.Opened);
        Assert.Empty(platform.Started);
    }

    [Fact]
    public async Task An_approval_that_cannot_be_opened_fails_the_drill_in_approval_and_changes_nothing()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(OpenApprovalActivity));

        var report = await platform.FinishAsync(platform.RunAsync(platform.Input()));

        Assert.Equal((DrillOutcome.Failed, DrillPhase.Approval), (report.Outcome, report.Failure!.Phase));
        Assert.StartsWith("The approval could not be opened: OpenApprovalActivity failed", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Empty(platform.Started);
        Assert.Equal(PhaseOutcome.NotRun, Outcome(report, DrillPhase.ReplicationSync));
        Assert.Empty(report.Restored);
        Assert.Equal(NotificationEvent.Failed, platform.Notifications[^1].Event);
    }

    [Fact]
    public async Task A_recovery_check_that_cannot_run_fails_validation_and_failback_still_runs()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(CheckRecoveryActivity));

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal((DrillOutcome.Failed, DrillPhase.Validation, "site-b"), (report.Outcome, report.Failure!.Phase, report.Failure.Site));
        Assert.Contains("CheckRecoveryActivity failed", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback], platform.Started);
        Assert.True(Assert.Single(report.Restored).Succeeded);
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.PostCheck));
        Assert.Null(report.Rto!.Measured);
    }

    [Fact]
    public async Task A_post_check_that_cannot_run_fails_the_drill_after_failback()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(DrillPostCheckActivity));

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal((DrillOutcome.Failed, DrillPhase.PostCheck), (report.Outcome, report.Failure!.Phase));
        Assert.Equal(DrJobKind.Failback, platform.Started[^1]);
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.Failback));
    }

    [Fact]
    public async Task A_report_that_cannot_be_stored_fails_the_orchestration_after_failback_has_restored_the_pair()
    {
        var platform = new DrillPlatformFake();
        platform.ThrowingActivities.Add(nameof(FinishDrillActivity));
        var drill = platform.RunAsync(platform.Input());
        platform.Approve();

        await Assert.ThrowsAsync<Qlrf.Orchestration.TaskFailedException>(() => platform.FinishAsync(drill));

        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback], platform.Started);
        Assert.Null(platform.Finished);
        Assert.DoesNotContain(platform.Notifications, n => n.Event is NotificationEvent.Completed or NotificationEvent.Failed);
    }

    [Fact]
    public async Task A_failed_post_check_fails_the_drill_after_failback()
    {
        var platform = new DrillPlatformFake();
        platform.PostCheck = platform.PostCheck with { Passed = false, Summary = "Replication to site-b has not resumed.", FailedSite = "site-b" };

        var report = await ApprovedAsync(platform, platform.Input());

        Assert.Equal((DrillOutcome.Failed, DrillPhase.PostCheck), (report.Outcome, report.Failure!.Phase));
        Assert.Equal(PhaseOutcome.Passed, Outcome(report, DrillPhase.Failback));
    }

    [Fact]
    public async Task A_cancel_after_failover_fails_back_before_the_drill_ends()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());
        platform.Approve();
        while (!platform.Started.Contains(DrJobKind.Failover))
        {
            platform.Context.Advance(TimeSpan.FromSeconds(1));
        }

        platform.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol", "wrong window", Rollback: true));
        var report = await platform.FinishAsync(drill);

        Assert.Equal(DrillOutcome.Cancelled, report.Outcome);
        Assert.Equal(PhaseOutcome.NotRun, Outcome(report, DrillPhase.Validation));
        Assert.Equal(DrJobKind.Failback, platform.Started[^1]);
        Assert.Equal(("cancel", "user:carol"), (report.Control[0].Action, report.Control[0].Actor));
        Assert.Contains("Cancelled by user:carol", report.Summary, StringComparison.Ordinal);
        Assert.Equal(NotificationEvent.Cancelled, platform.Notifications[^1].Event);
    }

    [Fact]
    public async Task A_cancel_received_while_awaiting_approval_stops_the_drill_before_it_changes_anything()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());
        platform.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol"));
        platform.Approve();

        var report = await platform.FinishAsync(drill);

        Assert.Equal(DrillOutcome.Cancelled, report.Outcome);
        Assert.Empty(platform.Started);
    }

    [Fact]
    public async Task Pause_holds_the_drill_between_phases_until_resume_and_the_status_says_so()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());
        platform.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:carol", "change freeze"));
        platform.Approve();

        platform.Context.Advance(TimeSpan.FromHours(1));
        Assert.Empty(platform.Started);
        var status = QlrfJson.Deserialize<DrillCustomStatus>(platform.Context.CustomStatuses[^1]!)!;
        Assert.Equal(DrillStatus.Paused, status.Status);
        Assert.Equal("paused by user:carol: change freeze", status.Detail);

        platform.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Resume, "user:carol"));
        var report = await platform.FinishAsync(drill);

        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Equal(["pause", "resume"], report.Control.Select(c => c.Action));
        Assert.Contains(platform.Progress, p => p.Detail == "resumed");
    }

    [Fact]
    public async Task The_custom_status_shows_the_phase_and_the_elapsed_time()
    {
        var platform = new DrillPlatformFake();
        var drill = platform.RunAsync(platform.Input());
        platform.Context.Advance(TimeSpan.FromSeconds(30));
        platform.Approve();
        while (!platform.Started.Contains(DrJobKind.Failover))
        {
            platform.Context.Advance(TimeSpan.FromSeconds(1));
        }

        platform.Context.Advance(TimeSpan.FromSeconds(5));
        var status = QlrfJson.Deserialize<DrillCustomStatus>(platform.Context.CustomStatuses[^1]!)!;

        Assert.Equal((DrillPhase.Failover, DrillStatus.Running), (status.Phase, status.Status));
        Assert.True(status.ElapsedSeconds >= 35, $"elapsed {status.ElapsedSeconds}");
        Assert.Equal(new DateTimeOffset(DrillPlatformFake.Start), status.StartedAt);
        await platform.FinishAsync(drill);
    }

    [Fact]
    public async Task A_dry_run_checks_and_reports_without_approval_or_change()
    {
        var platform = new DrillPlatformFake();

        var report = await platform.FinishAsync(platform.RunAsync(platform.Input(dryRun: true)));

        Assert.Equal((DrillOutcome.Passed, true), (report.Outcome, report.DryRun));
        Assert.Empty(platform.Opened);
        Assert.Empty(platform.Started);
        Assert.All(report.Phases.Where(p => p.Phase is not (DrillPhase.PreCheck or DrillPhase.Report)), p => Assert.Equal(PhaseOutcome.Skipped, p.Outcome));
        Assert.StartsWith("Dry run passed", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unattended_scheduled_test_failover_runs_without_approval()
    {
        var platform = new DrillPlatformFake();

        var report = await platform.FinishAsync(platform.RunAsync(platform.Input(unattended: true)));

        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Empty(platform.Opened);
        Assert.Equal(PhaseOutcome.Skipped, Outcome(report, DrillPhase.Approval));
        Assert.Contains("unattended", report.Approval!.Note, StringComparison.Ordinal);
        Assert.Equal(DrillTrigger.Schedule, report.Trigger);
    }

    [Fact]
    public async Task Every_job_and_notification_is_keyed_by_the_drill_so_redelivery_changes_nothing()
    {
        var platform = new DrillPlatformFake();

        await ApprovedAsync(platform, platform.Input());

        var jobs = platform.Context.Calls.Where(c => c.Name == nameof(StartDrJobActivity)).Select(c => QlrfJson.Deserialize<DrJobRequest>(c.Input!)!.Key).ToList();
        Assert.Equal(["dr-acme-1:Sync", "dr-acme-1:Failover", "dr-acme-1:Failback"], jobs);
        Assert.All(platform.Notifications, n => Assert.StartsWith("dr-acme-1:", n.Id, StringComparison.Ordinal));
        Assert.Equal(platform.Progress.Count, platform.Progress.Select(p => p.Sequence).Distinct().Count());
    }
}
