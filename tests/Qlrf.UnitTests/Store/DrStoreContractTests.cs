using Qlrf.Dr;
using Qlrf.UnitTests.Dr;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

/// <summary>The DR stores' behaviour, the same on the embedded store and on the Table Storage stores.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DrStoreContractTests(Azurite azurite)
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider time = new(T);

    public static TheoryData<string> Backends => DrStores.Backends;

    private static DrillRecord Drill(string id, string pair = "orders-db", DateTimeOffset? at = null) => new()
    {
        Organisation = "acme",
        Id = id,
        PairId = pair,
        Kind = DrillKind.TestFailover,
        Trigger = DrillTrigger.Manual,
        RequestedBy = "user:alice",
        CreatedAt = at ?? T,
    };

    private static DrillReport Report(string id, DrillOutcome outcome, DateTimeOffset finished, bool dryRun = false) => new DrillJournal().Build(
        new DrillReportHeader("acme", id, DrPairSummary.Of(DrillPlatformFake.Pair()), DrillKind.TestFailover, dryRun, DrillTrigger.Manual, "user:alice", T, [], null),
        outcome,
        "summary",
        new RtoMeasurement(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(40), true, T, T, T),
        new RpoMeasurement(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), true, T),
        finished);

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Pairs_are_created_once_replaced_by_version_listed_and_deleted_per_organisation(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        var pair = DrillPlatformFake.Pair();

        var created = await store.Pairs.CreateAsync(pair, T.AddDays(10), default);
        Assert.Null(await store.Pairs.CreateAsync(pair, null, default));
        Assert.Equal(1, created!.ETag);
        Assert.Null(await store.Pairs.GetAsync("globex", pair.Id, default));

        var renamed = await store.Pairs.ReplaceAsync(created with { Name = "Renamed" }, 1, null, default);
        Assert.Null(await store.Pairs.ReplaceAsync(created with { Name = "Stale" }, 1, null, default));
        Assert.Equal(("Renamed", 2L), (renamed!.Name, (await store.Pairs.GetAsync("acme", pair.Id, default))!.ETag));
        Assert.Null(await store.Pairs.GetNextDrillAtAsync("acme", pair.Id, default));

        await store.Pairs.CreateAsync(pair with { Id = "billing-db" }, null, default);
        var page = await store.Pairs.ListAsync("acme", 1, null, default);
        Assert.Equal(("billing-db", "billing-db"), (page.Items.Single().Id, page.NextCursor));
        Assert.Equal("orders-db", (await store.Pairs.ListAsync("acme", 1, page.NextCursor, default)).Items.Single().Id);

        Assert.True(await store.Pairs.DeleteAsync("acme", pair.Id, default));
        Assert.False(await store.Pairs.DeleteAsync("acme", pair.Id, default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_due_scheduled_drill_is_claimed_by_one_scheduler_only(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        await store.Pairs.CreateAsync(DrillPlatformFake.Pair(), T, default);
        await store.Pairs.CreateAsync(DrillPlatformFake.Pair() with { Id = "later" }, T.AddDays(1), default);

        var due = Assert.Single(await store.Pairs.ListDueAsync(T, 10, default));

        Assert.Equal(new DueDrill("acme", "orders-db", T), due);
        Assert.True(await store.Pairs.ClaimDueAsync("acme", "orders-db", T, T.AddMonths(1), default));
        Assert.False(await store.Pairs.ClaimDueAsync("acme", "orders-db", T, T.AddMonths(1), default));
        Assert.Equal(T.AddMonths(1), await store.Pairs.GetNextDrillAtAsync("acme", "orders-db", default));
        Assert.Empty(await store.Pairs.ListDueAsync(T, 10, default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_pair_holds_one_live_drill_and_a_repeated_start_returns_the_same_drill(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        Assert.Equal(DrillStartResult.Started, (await store.Drills.TryStartAsync(Drill("dr-1"), default)).Result);
        Assert.Equal(DrillStartResult.Exists, (await store.Drills.TryStartAsync(Drill("dr-1"), default)).Result);
        var busy = await store.Drills.TryStartAsync(Drill("dr-2"), default);
        Assert.Equal((DrillStartResult.Busy, "dr-1"), (busy.Result, busy.Drill.Id));
        Assert.Equal(DrillStartResult.Started, (await store.Drills.TryStartAsync(Drill("dr-3", "billing-db"), default)).Result);

        Assert.True(await store.Drills.FinishAsync(Report("dr-1", DrillOutcome.Passed, T.AddMinutes(5)), default));

        Assert.Equal(DrillStartResult.Started, (await store.Drills.TryStartAsync(Drill("dr-2", at: T.AddMinutes(6)), default)).Result);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Progress_applies_in_order_once_and_finishing_records_the_outcome_report_and_last_drill(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        await store.Drills.TryStartAsync(Drill("dr-1"), default);

        Assert.True(await store.Drills.UpdateProgressAsync(new DrillProgressUpdate("acme", "dr-1", 2, DrillStatus.Running, DrillPhase.Failover, T, null), default));
        Assert.False(await store.Drills.UpdateProgressAsync(new DrillProgressUpdate("acme", "dr-1", 1, DrillStatus.AwaitingApproval, DrillPhase.Approval, T, null), default));
        Assert.Equal(DrillPhase.Failover, (await store.Drills.GetAsync("acme", "dr-1", default))!.Phase);

        Assert.True(await store.Drills.FinishAsync(Report("dr-1", DrillOutcome.Failed, T.AddMinutes(5)), default));
        Assert.False(await store.Drills.FinishAsync(Report("dr-1", DrillOutcome.Failed, T.AddMinutes(5)), default));
        Assert.False(await store.Drills.UpdateProgressAsync(new DrillProgressUpdate("acme", "dr-1", 9, DrillStatus.Running, DrillPhase.Failback, T, null), default));

        var drill = (await store.Drills.GetAsync("acme", "dr-1", default))!;
        Assert.Equal((DrillStatus.Failed, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(2)), (drill.Status, drill.Rto, drill.Rpo));
        Assert.Equal("summary", (await store.Drills.GetReportAsync("acme", "dr-1", default))!.Summary);
        Assert.Equal(new LastDrill("dr-1", DrillKind.TestFailover, DrillOutcome.Failed, T.AddMinutes(5), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(2)), await store.Drills.GetLastDrillAsync("acme", "orders-db", default));
        Assert.Null(await store.Drills.GetReportAsync("globex", "dr-1", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Dry_runs_and_rejected_drills_do_not_count_as_the_last_drill(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        await store.Drills.TryStartAsync(Drill("dr-1"), default);
        await store.Drills.FinishAsync(Report("dr-1", DrillOutcome.Passed, T.AddMinutes(1), dryRun: true), default);
        await store.Drills.TryStartAsync(Drill("dr-2", at: T.AddMinutes(2)), default);
        await store.Drills.FinishAsync(Report("dr-2", DrillOutcome.Rejected, T.AddMinutes(3)), default);

        Assert.Null(await store.Drills.GetLastDrillAsync("acme", "orders-db", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Drills_list_newest_first_a_page_at_a_time_and_by_pair(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(DrillStartResult.Started, (await store.Drills.TryStartAsync(Drill($"dr-{i}", $"pair-{i % 2}", T.AddMinutes(i)), default)).Result);
            await store.Drills.AbandonAsync("acme", $"dr-{i}", "done", T.AddMinutes(i), default);
        }

        var first = await store.Drills.ListAsync("acme", null, 2, null, default);
        var second = await store.Drills.ListAsync("acme", null, 2, first.NextCursor, default);

        Assert.Equal(["dr-3", "dr-2"], first.Items.Select(d => d.Id));
        Assert.Equal(["dr-1"], second.Items.Select(d => d.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(["dr-3", "dr-1"], (await store.Drills.ListAsync("acme", "pair-1", 10, null, default)).Items.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_abandoned_drill_frees_its_pair(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        await store.Drills.TryStartAsync(Drill("dr-1"), default);

        await store.Drills.AbandonAsync("acme", "dr-1", "terminated", T.AddMinutes(1), default);

        Assert.Equal(DrillStatus.Failed, (await store.Drills.GetAsync("acme", "dr-1", default))!.Status);
        Assert.Equal(DrillStartResult.Started, (await store.Drills.TryStartAsync(Drill("dr-2"), default)).Result);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Editing_a_pair_moves_or_ends_its_schedule_and_a_claim_leaves_its_version_alone(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        var created = (await store.Pairs.CreateAsync(DrillPlatformFake.Pair(), T, default))!;
        await store.Pairs.CreateAsync(DrillPlatformFake.Pair() with { Organisation = "globex" }, T.AddMinutes(-1), default);

        Assert.Equal([("globex", T.AddMinutes(-1)), ("acme", T)], (await store.Pairs.ListDueAsync(T, 10, default)).Select(d => (d.Organisation, d.DueAt)));
        Assert.Equal("globex", Assert.Single(await store.Pairs.ListDueAsync(T, 1, default)).Organisation);
        Assert.True(await store.Pairs.ClaimDueAsync("acme", created.Id, T, T.AddDays(1), default));

        var moved = await store.Pairs.ReplaceAsync(created with { Name = "Moved" }, created.ETag, T.AddDays(2), default);
        Assert.Equal(2, moved!.ETag);
        Assert.Equal(T.AddDays(2), await store.Pairs.GetNextDrillAtAsync("acme", created.Id, default));
        Assert.False(await store.Pairs.ClaimDueAsync("acme", created.Id, T.AddDays(1), T.AddDays(3), default));
        Assert.Equal(["globex"], (await store.Pairs.ListDueAsync(T.AddDays(1), 10, default)).Select(d => d.Organisation));
        Assert.Equal(T.AddDays(2), Assert.Single(await store.Pairs.ListDueAsync(T.AddDays(2), 10, default), d => d.Organisation == "acme").DueAt);

        Assert.True(await store.Pairs.DeleteAsync("acme", created.Id, default));
        Assert.Null(await store.Pairs.GetNextDrillAtAsync("acme", created.Id, default));
        Assert.Equal(["globex"], (await store.Pairs.ListDueAsync(T.AddDays(3), 10, default)).Select(d => d.Organisation));
        Assert.True(await store.Pairs.ClaimDueAsync("globex", created.Id, T.AddMinutes(-1), null, default));
        Assert.Empty(await store.Pairs.ListDueAsync(T.AddDays(3), 10, default));
        Assert.Null(await store.Pairs.GetNextDrillAtAsync("globex", created.Id, default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Unknown_drills_are_neither_updated_nor_finished(string backend)
    {
        using var store = new DrStores(backend, time, azurite);

        Assert.False(await store.Drills.UpdateProgressAsync(new DrillProgressUpdate("acme", "dr-x", 1, DrillStatus.Running, DrillPhase.Failover, T, null), default));
        Assert.False(await store.Drills.FinishAsync(Report("dr-x", DrillOutcome.Passed, T), default));
        await store.Drills.AbandonAsync("acme", "dr-x", "terminated", T, default);
        Assert.Null(await store.Drills.GetAsync("acme", "dr-x", default));
        Assert.Empty((await store.Drills.ListAsync("acme", null, 10, null, default)).Items);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_drill_finishing_earlier_than_the_last_one_does_not_replace_it(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        await store.Drills.TryStartAsync(Drill("dr-1"), default);
        await store.Drills.FinishAsync(Report("dr-1", DrillOutcome.Passed, T.AddMinutes(10)), default);
        await store.Drills.TryStartAsync(Drill("dr-2", at: T.AddMinutes(1)), default);

        Assert.True(await store.Drills.FinishAsync(Report("dr-2", DrillOutcome.Failed, T.AddMinutes(5)), default));

        Assert.Equal("dr-1", (await store.Drills.GetLastDrillAsync("acme", "orders-db", default))!.DrillId);
        Assert.Equal(DrillStatus.Failed, (await store.Drills.GetAsync("acme", "dr-2", default))!.Status);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_simulator_state_is_one_document_per_pair_and_organisation(string backend)
    {
        using var store = new DrStores(backend, time, azurite);
        var large = "{\"jobs\":[" + string.Join(',', Enumerable.Range(0, 900).Select(i => $"{{\"key\":\"job-{i:D4}-with-a-long-idempotency-key\"}}")) + "]}";

        Assert.Null(await store.SandboxDr.GetAsync("acme", "orders-db", default));
        await store.SandboxDr.SaveAsync("acme", "orders-db", "{\"jobs\":[]}", default);
        await store.SandboxDr.SaveAsync("acme", "orders-db", large, default);
        await store.SandboxDr.SaveAsync("globex", "orders-db", "{}", default);

        Assert.Equal(large, await store.SandboxDr.GetAsync("acme", "orders-db", default));
        Assert.Equal("{}", await store.SandboxDr.GetAsync("globex", "orders-db", default));
        Assert.Null(await store.SandboxDr.GetAsync("acme", "billing-db", default));
    }
}
