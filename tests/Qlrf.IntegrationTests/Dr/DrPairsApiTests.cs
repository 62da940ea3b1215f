using System.Net;
using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Api.Dr;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Dr;

/// <summary>DR pairs, readiness and starting drills through the API, on the real host.</summary>
public sealed class DrPairsApiTests(DrHost fixture) : IClassFixture<DrHost>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task The_sample_pairs_are_loaded_on_first_start_with_their_schedules()
    {
        var pairs = (await Admin.FetchAsync("/api/v1/dr/pairs")).Json<PageDto<DrPairResource>>().Items;

        var aws = pairs.Single(p => p.Id == "orders-db-aws");
        Assert.Equal(("aws-us-east-1", "aws-eu-west-1", 300d, 60d), (aws.PrimarySite, aws.RecoverySite, aws.RtoTargetSeconds, aws.RpoTargetSeconds));
        Assert.True(aws.Policy.AllowUnattendedTestFailover);
        Assert.Equal("0 0 3 1 * *", aws.Schedule!.Cron);
        Assert.Equal(1, aws.NextDrillAt!.Value.Day);
        Assert.Contains(pairs, p => p.Id == "orders-db-dc");
    }

    [Fact]
    public async Task A_pair_is_created_read_updated_with_its_etag_and_deleted()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("crud"));
        var again = await Admin.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("crud"));
        var read = await Admin.FetchAsync("/api/v1/dr/pairs/crud");
        var etag = read.Response.Headers.ETag!.Tag;

        using var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/dr/pairs/crud") { Content = HostApi.JsonContent(DrCalls.PairJson("crud", rto: 600)) };
        update.Headers.IfMatch.ParseAdd(etag);
        var updated = await Admin.SendAsync(update);
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/dr/pairs/crud") { Content = HostApi.JsonContent(DrCalls.PairJson("crud", rto: 900)) };
        stale.Headers.IfMatch.ParseAdd(etag);
        var refused = await Admin.SendAsync(stale);
        var deleted = await Admin.SendAsync(HttpMethod.Delete, "/api/v1/dr/pairs/crud");

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("\"1\"", etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.FetchAsync("/api/v1/dr/pairs/crud")).Status);
    }

    [Fact]
    public async Task A_pair_is_checked_field_by_field_against_the_inventory()
    {
        var unknownSite = await Admin.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("bad-site", recovery: "aws-mars-1"));
        var sameSites = await Admin.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("same", recovery: "aws-us-east-1"));
        var badCron = await Admin.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("bad-cron", extra: ""","schedule":{"cron":"monthly"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, unknownSite.Status);
        Assert.StartsWith("recoverySite: 'aws-mars-1' is not a site in the inventory (known: aws-eu-west-1, aws-us-east-1", unknownSite.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal("recoverySite: must differ from the primary site.", sameSites.Problem!.Detail);
        Assert.StartsWith("schedule.cron:", badCron.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowing_unattended_test_failovers_needs_approve_tasks_in_the_pairs_environment()
    {
        using var operatorClient = await fixture.Host.CreateClientAsAsync(Role.Operator);
        var unattended = DrCalls.PairJson("unattended", extra: ""","policy":{"allowUnattendedTestFailover":true}""");

        var refused = await operatorClient.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", unattended);
        var attended = await operatorClient.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("attended"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Allowing unattended test failovers needs approve:tasks in prod.", refused.Problem!.Detail);
        Assert.Equal(HttpStatusCode.Created, attended.Status);
        await fixture.Engineer.CreatePairAsync(unattended);
    }

    [Fact]
    public async Task Another_organisations_pairs_and_drills_are_not_found()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("private"));
        var drill = await Admin.StartDrillAsync("private", dryRun: true);
        using var globex = await fixture.Host.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);

        Assert.Equal(HttpStatusCode.NotFound, (await globex.FetchAsync("/api/v1/dr/pairs/private")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.FetchAsync("/api/v1/dr/pairs/private/readiness")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.FetchAsync($"/api/v1/dr/drills/{drill.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.FetchAsync($"/api/v1/dr/drills/{drill.Id}/report")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{drill.Id}/cancel", "{}")).Status);
        Assert.Empty((await globex.FetchAsync("/api/v1/dr/drills")).Json<PageDto<DrillDto>>().Items);
        Assert.Null((await globex.FetchAsync("/api/v1/dr/readiness")).Json<FleetDto>().Status);
        Assert.StartsWith("dr-acme-", drill.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_checks_the_pair_and_changes_nothing()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("dry"));
        var drill = await Admin.StartDrillAsync("dry", dryRun: true);

        var done = await Admin.WaitForFinishAsync(drill.Id);

        Assert.Equal(DrillStatus.Passed, done.Status);
        var report = await Admin.ReportAsync(drill.Id);
        Assert.True(report.DryRun);
        Assert.Equal(PhaseOutcome.Skipped, report.Phases.Single(p => p.Phase == DrillPhase.Failover).Outcome);
        Assert.Null(report.Rto);
        Assert.Null((await Admin.FetchAsync("/api/v1/dr/pairs/dry/readiness")).Json<DrReadinessResource>().LastDrill);
    }

    [Fact]
    public async Task A_pair_runs_one_drill_at_a_time_and_an_idempotency_key_returns_the_same_drill()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("busy"));
        const string body = """{"pairId":"busy","kind":"test_failover"}""";
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dr/drills") { Content = HostApi.JsonContent(body) };
        first.Headers.Add("Idempotency-Key", "change-4711");
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dr/drills") { Content = HostApi.JsonContent(body) };
        retry.Headers.Add("Idempotency-Key", "change-4711");

        var started = await Admin.SendAsync(first);
        var retried = await Admin.SendAsync(retry);
        var other = await Admin.SendAsync(HttpMethod.Post, "/api/v1/dr/drills", body);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (started.StatusCode, retried.StatusCode));
        Assert.Equal(started.Headers.Location, retried.Headers.Location);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("already has a live drill", other.Problem!.Detail, StringComparison.Ordinal);
        var id = started.Headers.Location!.OriginalString.Split('/')[^1];
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.FetchAsync($"/api/v1/dr/drills/{id}/report")).Status);
        await Admin.WaitForStatusAsync(id, DrillStatus.AwaitingApproval);
        await fixture.Engineer.DecideAsync(id, "reject", "not today");
        Assert.Equal(DrillStatus.Rejected, (await Admin.WaitForFinishAsync(id)).Status);
    }

    [Fact]
    public async Task Readiness_is_red_for_an_unhealthy_site_or_lag_over_the_rpo_target_and_amber_for_a_pair_never_drilled_with_reasons()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("red-site", recovery: "gcp-us-central1"));
        await Admin.CreatePairAsync(DrCalls.PairJson("red-lag", rpo: 10));
        await Admin.CreatePairAsync(DrCalls.PairJson("amber-new"));

        var site = (await Admin.FetchAsync("/api/v1/dr/pairs/red-site/readiness")).Json<DrReadinessResource>();
        var lag = (await Admin.FetchAsync("/api/v1/dr/pairs/red-lag/readiness")).Json<DrReadinessResource>();
        var fresh = (await Admin.FetchAsync("/api/v1/dr/pairs/amber-new/readiness")).Json<DrReadinessResource>();

        Assert.Equal(RagStatus.Red, site.Status);
        var unhealthy = Assert.Single(site.Reasons, r => r.Status == RagStatus.Red);
        Assert.Equal(("recovery_unhealthy", "The recovery site gcp-us-central1 is unhealthy: power maintenance."), (unhealthy.Code, unhealthy.Message));
        Assert.Equal(RagStatus.Red, lag.Status);
        Assert.Equal("lag_exceeds_rpo", Assert.Single(lag.Reasons, r => r.Status == RagStatus.Red).Code);
        Assert.Equal(20, lag.ReplicationLagSeconds);
        Assert.Equal(RagStatus.Amber, fresh.Status);
        Assert.Equal(["never_drilled"], fresh.Reasons.Where(r => r.Status == RagStatus.Amber).Select(r => r.Code));
        Assert.Contains(fresh.Reasons, r => r.Code == "primary_healthy" && r.Status == RagStatus.Green);
        Assert.Contains(fresh.Reasons, r => r.Code == "lag_within_rpo" && r.Status == RagStatus.Green);
    }

    [Fact]
    public async Task A_viewer_reads_pairs_readiness_and_drills_but_gets_403_starting_a_drill_or_changing_a_pair()
    {
        await Admin.CreatePairAsync(DrCalls.PairJson("viewed"));
        using var viewer = await fixture.Host.CreateClientAsAsync(Role.Viewer);

        var start = await viewer.SendAsync(HttpMethod.Post, "/api/v1/dr/drills", """{"pairId":"viewed","kind":"test_failover"}""");
        var create = await viewer.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", DrCalls.PairJson("by-viewer"));
        var delete = await viewer.SendAsync(HttpMethod.Delete, "/api/v1/dr/pairs/viewed");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (start.Status, create.Status, delete.Status));
        Assert.Contains("trigger:drill", start.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty((await Admin.FetchAsync("/api/v1/dr/drills?pairId=viewed")).Json<PageDto<DrillDto>>().Items);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/dr/pairs/viewed")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/dr/pairs/viewed/readiness")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/dr/readiness")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/dr/drills")).Status);
    }

    [Fact]
    public async Task A_passed_drill_older_than_the_pairs_maximum_drill_age_turns_readiness_from_green_to_amber()
    {
        var maxAge = TimeSpan.FromSeconds(61);
        await Admin.CreatePairAsync(DrCalls.PairJson("ageing", extra: $$""","policy":{"maxDrillAgeDays":{{(maxAge.TotalDays).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}"""));
        var drill = await Admin.StartDrillAsync("ageing");
        await Admin.WaitForStatusAsync(drill.Id, DrillStatus.AwaitingApproval);
        await fixture.Engineer.DecideAsync(drill.Id);
        Assert.Equal(DrillStatus.Passed, (await Admin.WaitForFinishAsync(drill.Id)).Status);

        var fresh = (await Admin.FetchAsync("/api/v1/dr/pairs/ageing/readiness")).Json<DrReadinessResource>();
        DrReadinessResource? aged = null;
        await Eventually.TrueAsync(async () =>
        {
            aged = (await Admin.FetchAsync("/api/v1/dr/pairs/ageing/readiness")).Json<DrReadinessResource>();
            return aged.Status != RagStatus.Green;
        }, TimeSpan.FromSeconds(120), "the last drill to age past the maximum drill age");

        Assert.Equal(RagStatus.Green, fresh.Status);
        Assert.Contains(fresh.Reasons, r => r.Code == "last_drill_passed");
        Assert.Equal(RagStatus.Amber, aged!.Status);
        var overdue = Assert.Single(aged.Reasons, r => r.Status == RagStatus.Amber);
        Assert.Equal("drill_overdue", overdue.Code);
        Assert.Contains("older than the maximum drill age", overdue.Message, StringComparison.Ordinal);
        Assert.True(aged.LastDrill!.FinishedAt + maxAge <= aged.CheckedAt);
    }

    [Fact]
    public async Task The_fleet_view_gives_every_pairs_readiness_and_the_counts()
    {
        var fleet = (await Admin.FetchAsync("/api/v1/dr/readiness")).Json<FleetDto>();

        var dc = fleet.Pairs.Single(p => p.PairId == "orders-db-dc");
        Assert.Equal(RagStatus.Amber, dc.Status);
        Assert.Contains(dc.Reasons, r => r.Code == "never_drilled");
        Assert.Equal(20, dc.ReplicationLagSeconds);
        Assert.Equal(fleet.Pairs.Count, fleet.Green + fleet.Amber + fleet.Red);
        Assert.Equal(fleet.Pairs.Min(p => p.Status), fleet.Status);
    }
}
