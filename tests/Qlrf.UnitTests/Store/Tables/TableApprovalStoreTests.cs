using Qlrf.Approvals;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableApprovalStoreTests
{
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly TableApprovalStore store;

    public TableApprovalStoreTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        store = new TableApprovalStore(tables, time);
    }

    private Approval Approval(string id, string subject = "rollout-1") => new()
    {
        Id = id,
        Organisation = "acme",
        Kind = "rollout",
        Subject = subject,
        RequestedBy = "user:alice",
        Environments = ["prod"],
        RequiredApprovals = 2,
        CreatedAt = time.GetUtcNow(),
        ExpiresAt = time.GetUtcNow().AddHours(24),
    };

    [Fact]
    public async Task Creating_again_returns_the_stored_approval_and_the_subject_lists_its_approvals_oldest_first()
    {
        var first = await store.CreateAsync(Approval("a1"), default);
        time.Advance(TimeSpan.FromMinutes(1));
        await store.CreateAsync(Approval("a2"), default);
        await store.CreateAsync(Approval("b1", "rollout-2"), default);
        var decided = await store.ReplaceAsync(first with { Status = ApprovalStatus.Rejected }, first.ETag, default);

        var again = await store.CreateAsync(Approval("a1"), default);

        Assert.Equal(ApprovalStatus.Rejected, again.Status);
        Assert.Equal(decided!.ETag, again.ETag);
        Assert.Equal(["a1", "a2"], (await store.ListBySubjectAsync("acme", "rollout-1", default)).Select(a => a.Id));
        Assert.Null(await store.GetAsync("globex", "a1", default));
    }

    [Fact]
    public async Task A_replace_based_on_an_older_version_is_refused()
    {
        var created = await store.CreateAsync(Approval("a1"), default);

        var first = await store.ReplaceAsync(created with { Status = ApprovalStatus.Approved }, created.ETag, default);
        var stale = await store.ReplaceAsync(created with { Status = ApprovalStatus.Rejected }, created.ETag, default);

        Assert.Equal(created.ETag + 1, first!.ETag);
        Assert.Null(stale);
        Assert.Equal(ApprovalStatus.Approved, (await store.GetAsync("acme", "a1", default))!.Status);
    }

    [Fact]
    public async Task A_replace_racing_another_write_of_the_row_is_refused_by_the_rows_ETag()
    {
        var created = await store.CreateAsync(Approval("a1"), default);
        tables.Table(TableNames.Approvals).RaceNextSubmit();

        Assert.Null(await store.ReplaceAsync(created with { Status = ApprovalStatus.Approved }, created.ETag, default));
    }

    [Fact]
    public async Task A_signed_links_nonce_is_spent_once()
    {
        Assert.True(await store.SpendLinkNonceAsync("acme", "n/1?#", "a1", default));
        Assert.False(await store.SpendLinkNonceAsync("acme", "n/1?#", "a1", default));
        Assert.True(await store.SpendLinkNonceAsync("globex", "n/1?#", "a1", default));
    }
}
