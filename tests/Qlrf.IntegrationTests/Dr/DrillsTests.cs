using System.Net;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Dr;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Dr;

/// <summary>Drills through the real host: the embedded durable runtime, real SQLite, the sandbox DR simulator.</summary>
public sealed class DrillsTests(DrHost fixture) : IClassFixture<DrHost>
{
    private HttpClient Admin => fixture.Admin;

    private HttpClient Engineer => fixture.Engineer;

    [Fact]
    public async Task An_approved_drill_passes_with_rto_and_rpo_measured_and_its_report_reads_as_json_and_markdown()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("approved-passes"));
        var drill = await Admin.StartDrillAsync("approved-passes");
        Assert.Equal(DrillStatus.Pending, drill.Status);
        var waiting = await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        Assert.Equal((DrillPhase.Approval, drill.Id + ":approval"), (waiting.Phase, waiting.ApprovalId));

        var approved = await Engineer.DecideAsync(drill.Id);
        var failingOver = await Admin.WaitForDrillAsync(drill.Id, d => d.Phase is DrillPhase.Failover or DrillPhase.Validation || d.Status.IsFinished(), "the drill to fail over");
        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal(DrillStatus.Running, failingOver.Status);
        Assert.True(failingOver.ElapsedSeconds > waiting.ElapsedSeconds, $"elapsed {failingOver.ElapsedSeconds}s in {failingOver.Phase} after {waiting.ElapsedSeconds}s awaiting approval");
        Assert.Equal(DrillStatus.Passed, done.Status);
        var report = await Admin.ReportAsync(drill.Id);
        Assert.Equal(DrillOutcome.Passed, report.Outcome);
        Assert.Equal(DrHost.Failover + DrHost.WarmUp, report.Rto!.Measured);
        Assert.Equal(DrHost.LagAfterSync, report.Rpo!.Measured);
        Assert.Equal((report.Rto.MeasuredSeconds, report.Rpo.MeasuredSeconds), (done.RtoSeconds, done.RpoSeconds));
        Assert.All(report.Phases, p => Assert.Equal(PhaseOutcome.Passed, p.Outcome));
        Assert.Equal(["use1-prod-orders-db-01", "use1-prod-orders-db-02"], report.Workloads);
        Assert.Equal(ApprovalStatus.Approved, report.Approval!.Status);
        Assert.StartsWith("key:", Assert.Single(report.Approval.Decisions).Actor, StringComparison.Ordinal);

        var markdown = await Admin.FetchAsync($"/api/v1/dr/drills/{drill.Id}/report?format=markdown");
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dr/drills/{drill.Id}/report");
        accept.Headers.Accept.ParseAdd("text/markdown");
        var negotiated = await (await Admin.SendAsync(accept)).Content.ReadAsStringAsync();
        Assert.Equal("text/markdown", markdown.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"# DR drill report: {drill.Id}", markdown.Body, StringComparison.Ordinal);
        Assert.Contains("| Outcome | **PASSED** |", markdown.Body, StringComparison.Ordinal);
        Assert.Equal(markdown.Body, negotiated);

        var readiness = (await Admin.FetchAsync("/api/v1/dr/pairs/approved-passes/readiness")).Json<Qlrf.Api.Dr.DrReadinessResource>();
        Assert.Equal((Qlrf.Drift.RagStatus.Green, drill.Id), (readiness.Status, readiness.LastDrill!.DrillId));
        var audit = await fixture.Host.Service<IAuditReader>().QueryAsync("acme", new AuditFilter { Target = "drill/" + drill.Id }, AuditOrder.OldestFirst, 100, null, default);
        Assert.Contains(audit.Items, e => e.Action == "DrillFinished" && e.Details["outcome"] == "passed");
        Assert.Contains(audit.Items, e => e.Action == "DrillProgressed" && e.Details["phase"] == "failover");
        Assert.Contains(audit.Items, e => e.Action == "StartDrill");
    }

    [Fact]
    public async Task An_injected_validation_failure_fails_the_drill_in_validation_and_failback_runs()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson(DrHost.ValidationFails, rto: 2));
        var drill = await Admin.StartDrillAsync(DrHost.ValidationFails);
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        await Engineer.DecideAsync(drill.Id);

        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(DrillStatus.Failed, done.Status);
        var report = await Admin.ReportAsync(drill.Id);
        Assert.Equal((DrillPhase.Validation, "aws-eu-west-1"), (report.Failure!.Phase, report.Failure.Site));
        Assert.Contains("Injected sandbox fault: application health check failing at aws-eu-west-1", report.Failure.Reason, StringComparison.Ordinal);
        var failback = Assert.Single(report.Restored);
        Assert.True(failback.Succeeded);
        Assert.Equal("clean up the test failover at aws-eu-west-1", failback.Step);
        Assert.Equal(PhaseOutcome.Passed, report.Phases.Single(p => p.Phase == DrillPhase.Failback).Outcome);
        Assert.Equal(PhaseOutcome.Passed, report.Phases.Single(p => p.Phase == DrillPhase.PostCheck).Outcome);
        var readiness = (await Admin.FetchAsync($"/api/v1/dr/pairs/{DrHost.ValidationFails}/readiness")).Json<Qlrf.Api.Dr.DrReadinessResource>();
        Assert.Equal(Qlrf.Drift.RagStatus.Red, readiness.Status);
        Assert.Contains(readiness.Reasons, r => r.Code == "last_drill_failed");
        Assert.StartsWith("Failed in validation at aws-eu-west-1: ", report.Summary, StringComparison.Ordinal);
        Assert.Contains("Failback restored: clean up the test failover at aws-eu-west-1", report.Summary, StringComparison.Ordinal);
        var markdown = (await Admin.FetchAsync($"/api/v1/dr/drills/{drill.Id}/report?format=markdown")).Body;
        Assert.Contains("clean up the test failover at aws-eu-west-1", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workloads_slower_than_the_rto_target_fail_the_drill_on_rto()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("rto-fails", "dc-london", "dc-frankfurt", "orders-db-dc-frankfurt", rto: 1));
        var drill = await Admin.StartDrillAsync("rto-fails");
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        await Engineer.DecideAsync(drill.Id);

        var done = await Admin.WaitForFinishAsync(drill.Id);

        var report = await Admin.ReportAsync(drill.Id);
        Assert.Equal(DrillStatus.Failed, done.Status);
        Assert.Equal(DrillPhase.Validation, report.Failure!.Phase);
        Assert.StartsWith("The workloads were not healthy at dc-frankfurt within the RTO target 1s", report.Failure.Reason, StringComparison.Ordinal);
        Assert.False(report.Rto!.Met);
        Assert.True(report.Restored.Single().Succeeded);
    }

    [Fact]
    public async Task A_scheduled_drill_fires_and_runs_unattended_when_the_pairs_policy_allows_it()
    {
        // A cron for one second a moment ahead; if making the pairs took longer than that (a loaded machine), its next
        // occurrence is a year away: try again with new pairs rather than wait.
        DateTimeOffset at;
        var (unattended, attendedPair) = (string.Empty, string.Empty);
        for (var attempt = 0; ; attempt++)
        {
            at = TimeProvider.System.GetUtcNow().AddSeconds(3);
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
            var cron = $"{at.Second} {at.Minute} {at.Hour} {at.Day} {at.Month} *";
            (unattended, attendedPair) = ($"scheduled-{attempt}", $"scheduled-attended-{attempt}");
            await Admin.CreatePairAsync(DrCalls.PairJson(unattended, extra: $$""","schedule":{"cron":"{{cron}}"},"policy":{"allowUnattendedTestFailover":true}"""));
            await Admin.CreatePairAsync(DrCalls.PairJson(attendedPair, extra: $$""","schedule":{"cron":"{{cron}}"}"""));
            var next = (await Admin.FetchAsync($"/api/v1/dr/pairs/{attendedPair}")).Json<Qlrf.Api.Dr.DrPairResource>().NextDrillAt;
            if (next == at)
            {
                break;
            }

            Assert.True(attempt < 3, $"the pairs' next drill is {next}, not {at}, after {attempt + 1} attempts");
        }

        DrillDto? fired = null, attended = null;
        await Eventually.TrueAsync(async () =>
        {
            fired = (await Admin.FetchAsync($"/api/v1/dr/drills?pairId={unattended}")).Json<PageDto<DrillDto>>().Items.SingleOrDefault();
            attended = (await Admin.FetchAsync($"/api/v1/dr/drills?pairId={attendedPair}")).Json<PageDto<DrillDto>>().Items.SingleOrDefault();
            return fired is not null && attended is not null;
        }, TimeSpan.FromSeconds(30), "both scheduled drills to fire");
        var done = await Admin.WaitForFinishAsync(fired!.Id);

        Assert.Equal((DrillTrigger.Schedule, "system", DrillStatus.Passed), (done.Trigger, done.RequestedBy, done.Status));
        var report = await Admin.ReportAsync(done.Id);
        Assert.Equal(PhaseOutcome.Skipped, report.Phases.Single(p => p.Phase == DrillPhase.Approval).Outcome);
        Assert.Null(report.Approval!.ApprovalId);
        var waiting = await Admin.WaitForStatusAsync(attended!.Id, DrillStatus.AwaitingApproval);
        Assert.Equal(DrillTrigger.Schedule, waiting.Trigger);
        var pair = (await Admin.FetchAsync($"/api/v1/dr/pairs/{unattended}")).Json<Qlrf.Api.Dr.DrPairResource>();
        Assert.True(pair.NextDrillAt > at);
        Assert.Equal(HttpStatusCode.OK, (await Engineer.DecideAsync(waiting.Id, "reject", "not now")).Status);
        Assert.Equal(DrillStatus.Rejected, (await Admin.WaitForFinishAsync(waiting.Id)).Status);
    }

    [Fact]
    public async Task Pause_holds_a_drill_after_approval_resume_lets_it_finish_and_both_are_in_its_report()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("paused"));
        var drill = await Admin.StartDrillAsync("paused");
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/cancel", "{}")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/pause", """{"reason":"change freeze"}""")).Status);
        await Engineer.DecideAsync(drill.Id);
        var paused = await Admin.WaitForStatusAsync(drill.Id, DrillStatus.Paused);
        Assert.StartsWith("paused by key:", paused.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/resume", "{}")).Status);

        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(DrillStatus.Passed, done.Status);
        Assert.Equal(["pause", "resume"], (await Admin.ReportAsync(drill.Id)).Control.Select(c => c.Action));
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/pause", "{}")).Status);
    }

    [Fact]
    public async Task A_paused_drill_cancelled_before_failover_changes_nothing()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("cancelled"));
        var drill = await Admin.StartDrillAsync("cancelled");
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/pause", "{}");
        await Engineer.DecideAsync(drill.Id);
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.Paused);

        Assert.Equal(HttpStatusCode.Accepted, (await Admin.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/cancel", """{"reason":"wrong window"}""")).Status);
        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(DrillStatus.Cancelled, done.Status);
        var report = await Admin.ReportAsync(drill.Id);
        Assert.Equal(["pause", "cancel"], report.Control.Select(c => c.Action));
        Assert.Equal(PhaseOutcome.NotRun, report.Phases.Single(p => p.Phase == DrillPhase.ReplicationSync).Outcome);
        Assert.Empty(report.Restored);
        Assert.Contains("(wrong window)", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_failover_needs_two_distinct_approvers_and_never_the_requesters_own()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("planned"));
        var drill = await Admin.StartDrillAsync("planned", "planned_failover");
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        using var second = await fixture.Host.CreateClientAsAsync(Qlrf.Security.Role.Engineer);

        var own = await Admin.DecideAsync(drill.Id);
        var first = await Engineer.DecideAsync(drill.Id);
        Assert.Equal(DrillStatus.AwaitingApproval, (await Admin.FetchAsync($"/api/v1/dr/drills/{drill.Id}")).Json<DrillDto>().Status);
        var last = await second.DecideAsync(drill.Id);
        var late = await Engineer.DecideAsync(drill.Id, "reject", "too late");
        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(HttpStatusCode.Forbidden, own.Status);
        Assert.Equal("The requester cannot approve their own change.", own.Problem!.Detail);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, last.Status));
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.StartsWith("Already decided: approved by", late.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(DrillStatus.Passed, done.Status);
        Assert.Equal(["fail back to aws-us-east-1", "resume replication aws-us-east-1 → aws-eu-west-1"], (await Admin.ReportAsync(drill.Id)).Restored.Select(r => r.Step));
    }
}
