using Qlrf.Audit;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>The audit log's contract on the Table Storage adapter: per-organisation chains, no forks under concurrency, filters and cursors.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAuditLogTests
{
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly TableAuditLog audit;

    public TableAuditLogTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        audit = new TableAuditLog(tables, time);
    }

    private static AuditEvent Event(string action, string org = "acme", string actor = "key:k1", AuditOutcome outcome = AuditOutcome.Success) =>
        Audit.AuditChainTests.Event(action, org, actor) with { Outcome = outcome };

    private Task<AuditVerification> VerifyAsync(string org = "acme") => AuditVerifier.VerifyAsync(audit, org, default);

    [Fact]
    public async Task Each_organisation_has_its_own_chain_and_each_append_writes_entry_and_head_in_one_batch()
    {
        await audit.AppendAsync(Event("A"), default);
        await audit.AppendAsync(Event("B", org: "globex"), default);
        var second = await audit.AppendAsync(Event("C"), default);

        Assert.Equal(2, second.Sequence);
        Assert.Equal(new AuditHead(2, second.Hash), await audit.GetHeadAsync("acme", default));
        Assert.Equal(1, (await audit.GetHeadAsync("globex", default))!.Sequence);
        Assert.True((await VerifyAsync()).Verified);
        Assert.True((await VerifyAsync("globex")).Verified);
        Assert.All(tables.Table(TableNames.Audit).Batches, b => Assert.Contains(b, a => a.Row.RowKey == "head"));
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => audit.AppendAsync(Event("A" + i), default))));

        var result = await VerifyAsync();

        Assert.True(result.Verified, result.FirstBrokenLink?.Problem);
        Assert.Equal(100, result.Checked);
    }

    [Fact]
    public async Task An_append_that_loses_the_race_for_the_head_seals_again_onto_the_new_head()
    {
        await audit.AppendAsync(Event("A"), default);
        tables.Table(TableNames.Audit).RaceNextSubmit();

        var entry = await audit.AppendAsync(Event("B"), default);

        Assert.Equal(2, entry.Sequence);
        Assert.True((await VerifyAsync()).Verified);
    }

    [Fact]
    public async Task Entries_read_back_exactly_as_sealed()
    {
        var written = await audit.AppendAsync(Event("A"), default);

        var read = Assert.Single((await audit.QueryAsync("acme", AuditFilter.None, AuditOrder.NewestFirst, 10, null, default)).Items);

        Assert.Equal(written with { Details = null! }, read with { Details = null! });
        Assert.Equal(written.Details, read.Details);
    }

    [Fact]
    public async Task Filters_and_cursors_page_through_matching_entries_in_either_order()
    {
        for (var i = 0; i < 10; i++)
        {
            await audit.AppendAsync(Event(i % 2 == 0 ? "Even" : "Odd", actor: i < 5 ? "key:k1" : "user:alice", outcome: i == 7 ? AuditOutcome.Denied : AuditOutcome.Success), default);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<List<long>> All(AuditFilter filter, AuditOrder order)
        {
            var seqs = new List<long>();
            long? after = null;
            do
            {
                var page = await audit.QueryAsync("acme", filter, order, 2, after, default);
                seqs.AddRange(page.Items.Select(e => e.Sequence));
                after = page.NextCursor is null ? null : long.Parse(page.NextCursor, System.Globalization.CultureInfo.InvariantCulture);
            }
            while (after is not null);
            return seqs;
        }

        var start = new ManualTimeProvider().GetUtcNow();
        Assert.Equal([9L, 7, 5, 3, 1], await All(new AuditFilter { Action = "Even" }, AuditOrder.NewestFirst));
        Assert.Equal([6L, 7, 8, 9, 10], await All(new AuditFilter { Actor = "user:alice" }, AuditOrder.OldestFirst));
        Assert.Equal([8L], await All(new AuditFilter { Outcome = AuditOutcome.Denied }, AuditOrder.OldestFirst));
        Assert.Equal([3L, 4], await All(new AuditFilter { From = start.AddMinutes(2), To = start.AddMinutes(4) }, AuditOrder.OldestFirst));
        Assert.Equal([5L, 4, 3, 2, 1], await All(new AuditFilter { Actor = "key:k1" }, AuditOrder.NewestFirst));
    }
}
