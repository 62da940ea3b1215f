using Qlrf.Errors;
using Qlrf.Rollouts;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

/// <summary>The rollout store's behaviour, the same on the embedded store and on the Table Storage stores.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RolloutStoreContractTests(Azurite azurite)
{
    private const string Org = "acme";
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider time = new(T);

    public static TheoryData<string> Backends => RegistryStores.Backends;

    private static Rollout Rollout(string id, DateTimeOffset at, string? key = null, string family = "ubuntu", string by = "user:alice") => new()
    {
        Id = id,
        Organisation = Org,
        RequestedBy = by,
        CreatedAt = at,
        Request = new RolloutRequest { Target = new RolloutTarget { ImageFamily = family, ImageVersion = "2026.11" } },
        IdempotencyKey = key,
    };

    private static RolloutAssetResult Result(string asset, RolloutAssetStatus status = RolloutAssetStatus.Pending, int stage = 1) =>
        new() { AssetId = asset, Stage = stage, Batch = 1, Status = status };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_idempotency_key_makes_one_rollout_per_organisation(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var rollouts = stores.Rollouts;

        Assert.True((await rollouts.CreateAsync(Rollout("ro-1", T, "key-1"), default)).Created);
        var again = await rollouts.CreateAsync(Rollout("ro-2", T.AddSeconds(1), "key-1"), default);

        Assert.Equal(("ro-1", false), (again.Rollout.Id, again.Created));
        Assert.Null(await rollouts.GetAsync(Org, "ro-2", default));
        Assert.Equal(["ro-1"], (await rollouts.ListAsync(Org, new RolloutFilter(), 10, null, default)).Items.Select(r => r.Id));
        Assert.True((await rollouts.CreateAsync(Rollout("ro-3", T.AddSeconds(2), "key-2"), default)).Created);
        await Assert.ThrowsAsync<ConflictException>(() => rollouts.CreateAsync(Rollout("ro-3", T.AddSeconds(3)), default));
        Assert.True((await rollouts.CreateAsync(Rollout("ro-4", T.AddSeconds(4)) with { Organisation = "globex", IdempotencyKey = "key-1" }, default)).Created);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Rollouts_list_newest_first_filtered_a_page_at_a_time_and_by_family_since(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var rollouts = stores.Rollouts;
        await rollouts.CreateAsync(Rollout("ro-1", T), default);
        await rollouts.CreateAsync(Rollout("ro-2", T.AddMinutes(1), family: "debian", by: "user:bob"), default);
        await rollouts.CreateAsync(Rollout("ro-3", T.AddMinutes(2)), default);
        await rollouts.UpdateAsync(Org, "ro-3", r => r with { Status = RolloutStatus.Completed }, default);

        var first = await rollouts.ListAsync(Org, new RolloutFilter(), 2, null, default);
        var second = await rollouts.ListAsync(Org, new RolloutFilter(), 2, first.NextCursor, default);

        Assert.Equal(["ro-3", "ro-2"], first.Items.Select(r => r.Id));
        Assert.Equal(["ro-1"], second.Items.Select(r => r.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(["ro-3", "ro-1"], (await rollouts.ListAsync(Org, new RolloutFilter { ImageFamily = "ubuntu" }, 10, null, default)).Items.Select(r => r.Id));
        Assert.Equal(["ro-3"], (await rollouts.ListAsync(Org, new RolloutFilter { Status = RolloutStatus.Completed }, 10, null, default)).Items.Select(r => r.Id));
        Assert.Equal(["ro-2"], (await rollouts.ListAsync(Org, new RolloutFilter { RequestedBy = "user:bob" }, 10, null, default)).Items.Select(r => r.Id));
        Assert.Equal(["ro-1", "ro-3"], (await rollouts.ListByFamilyAsync(Org, "ubuntu", T, default)).Select(r => r.Id));
        Assert.Equal(["ro-3"], (await rollouts.ListByFamilyAsync(Org, "ubuntu", T.AddSeconds(1), default)).Select(r => r.Id));
        Assert.Empty((await rollouts.ListAsync("globex", new RolloutFilter(), 10, null, default)).Items);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Updating_a_missing_rollout_is_not_found(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);

        await Assert.ThrowsAsync<NotFoundException>(() => stores.Rollouts.UpdateAsync(Org, "ro-x", r => r, default));
        Assert.Empty(await stores.Rollouts.GetStagesAsync(Org, "ro-x", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_plan_is_saved_once_and_results_merge_into_it_in_plan_order(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var rollouts = stores.Rollouts;
        await rollouts.CreateAsync(Rollout("ro-1", T), default);
        RolloutStage[] stages = [new(0, true, [["web-9"]]), new(1, false, [["web-2", "web-1"]])];
        RolloutAssetResult[] plan = [Result("web-9", stage: 0) with { FromVersion = "2026.10" }, Result("web-2"), Result("web-1")];

        var planned = await rollouts.SavePlanAsync(Org, "ro-1", stages, plan, r => r with { Status = RolloutStatus.AwaitingApproval }, default);
        await rollouts.SaveResultsAsync(Org, "ro-1", [Result("web-9", RolloutAssetStatus.Succeeded, stage: 7) with { ToVersion = "2026.11", Changed = true, StartedAt = T, FinishedAt = T.AddSeconds(5) }], new RolloutProgress { Done = 1, Total = 3 }, default);
        await rollouts.SavePlanAsync(Org, "ro-1", stages, plan, r => r with { Status = RolloutStatus.AwaitingApproval }, default);
        await rollouts.SaveResultsAsync(Org, "ro-1", [Result("web-9", RolloutAssetStatus.RolledBack) with { Detail = "rolled back" }, Result("extra", RolloutAssetStatus.Failed)], null, default);

        Assert.Equal(RolloutStatus.AwaitingApproval, planned.Status);
        Assert.Equal([0, 1], (await rollouts.GetStagesAsync(Org, "ro-1", default)).Select(s => s.Number));
        Assert.Equal(["web-9", "web-2", "web-1", "extra"], (await rollouts.ListResultsAsync(Org, "ro-1", default)).Select(r => r.AssetId));
        var web9 = (await rollouts.GetResultAsync(Org, "ro-1", "web-9", default))!;
        Assert.Equal(
            (RolloutAssetStatus.RolledBack, 0, "2026.10", "2026.11", true, (DateTimeOffset?)T.AddSeconds(5), "rolled back"),
            (web9.Status, web9.Stage, web9.FromVersion, web9.ToVersion, web9.Changed, web9.FinishedAt, web9.Detail));
        Assert.Equal((1, 3), ((await rollouts.GetAsync(Org, "ro-1", default))!.Progress.Done, (await rollouts.GetAsync(Org, "ro-1", default))!.Progress.Total));
        Assert.Null(await rollouts.GetResultAsync(Org, "ro-1", "web-404", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Progress_is_recorded_on_a_planned_asset_only_and_outlives_the_result_that_follows(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var rollouts = stores.Rollouts;
        await rollouts.CreateAsync(Rollout("ro-1", T), default);
        await rollouts.SavePlanAsync(Org, "ro-1", [new(0, true, [["web-1"]])], [Result("web-1", stage: 0) with { FromVersion = "2026.10" }], r => r, default);

        await rollouts.SaveProgressAsync(Org, "ro-1", "web-1", "EC2 task replacevol-1: pending", T, default);
        await rollouts.SaveProgressAsync(Org, "ro-1", "web-1", "EC2 task replacevol-1: in-progress", T.AddSeconds(5), default);
        await rollouts.SaveProgressAsync(Org, "ro-1", "web-404", "nothing", T, default);
        var during = (await rollouts.GetResultAsync(Org, "ro-1", "web-1", default))!;
        await rollouts.SaveResultsAsync(Org, "ro-1", [Result("web-1", RolloutAssetStatus.Succeeded, stage: 0) with { ToVersion = "2026.11", Changed = true }], null, default);
        var after = (await rollouts.GetResultAsync(Org, "ro-1", "web-1", default))!;

        Assert.Equal(
            ("EC2 task replacevol-1: in-progress", (DateTimeOffset?)T.AddSeconds(5), RolloutAssetStatus.Pending, "2026.10"),
            (during.Progress, during.ProgressAt, during.Status, during.FromVersion));
        Assert.Equal(
            ("EC2 task replacevol-1: in-progress", (DateTimeOffset?)T.AddSeconds(5), RolloutAssetStatus.Succeeded),
            (after.Progress, after.ProgressAt, after.Status));
        Assert.Null(await rollouts.GetResultAsync(Org, "ro-1", "web-404", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Policy_exceptions_are_granted_replaced_listed_and_revoked_per_organisation(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var rollouts = stores.Rollouts;
        PolicyExceptionGrant Grant(string target, string reason) => new() { Organisation = Org, Target = target, Reason = reason, GrantedBy = "user:admin", GrantedAt = T };

        await rollouts.GrantExceptionAsync(Grant("ubuntu@2026.11", "first"), default);
        await rollouts.GrantExceptionAsync(Grant("debian@12/1", "other"), default);
        await rollouts.GrantExceptionAsync(Grant("ubuntu@2026.11", "second"), default);

        Assert.Equal([("debian@12/1", "other"), ("ubuntu@2026.11", "second")], (await rollouts.ListExceptionsAsync(Org, default)).Select(g => (g.Target, g.Reason)));
        Assert.Empty(await rollouts.ListExceptionsAsync("globex", default));
        Assert.True(await rollouts.RevokeExceptionAsync(Org, "debian@12/1", default));
        Assert.False(await rollouts.RevokeExceptionAsync(Org, "debian@12/1", default));
        Assert.Single(await rollouts.ListExceptionsAsync(Org, default));
    }
}
