using Microsoft.Data.Sqlite;
using Qlrf.Audit;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    private static AuditEvent Event(string action, string org = "acme", string actor = "key:k1", AuditOutcome outcome = AuditOutcome.Success) =>
        Audit.AuditChainTests.Event(action, org, actor) with { Outcome = outcome };

    private Task<AuditVerification> VerifyAsync(string org = "acme") => AuditVerifier.VerifyAsync(store.Audit, org, default);

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.Database.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Each_organisation_has_its_own_chain()
    {
        await store.Audit.AppendAsync(Event("A"), default);
        await store.Audit.AppendAsync(Event("B", org: "globex"), default);
        var second = await store.Audit.AppendAsync(Event("C"), default);

        Assert.Equal(2, second.Sequence);
        Assert.Equal(new AuditHead(2, second.Hash), await store.Audit.GetHeadAsync("acme", default));
        Assert.Equal(1, (await store.Audit.GetHeadAsync("globex", default))!.Sequence);
        Assert.True((await VerifyAsync()).Verified);
        Assert.True((await VerifyAsync("globex")).Verified);
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.Audit.AppendAsync(Event("A" + i), default))));

        var result = await VerifyAsync();

        Assert.True(result.Verified, result.FirstBrokenLink?.Problem);
        Assert.Equal(200, result.Checked);
    }

    [Fact]
    public async Task Entries_read_back_exactly_as_sealed()
    {
        var written = await store.Audit.AppendAsync(Event("A"), default);

        var read = Assert.Single((await store.Audit.QueryAsync("acme", AuditFilter.None, AuditOrder.NewestFirst, 10, null, default)).Items);

        Assert.Equal(written with { Details = null! }, read with { Details = null! });
        Assert.Equal(written.Details, read.Details);
    }

    [Fact]
    public async Task Filters_and_cursors_page_through_matching_entries_in_either_order()
    {
        var time = (ManualTimeProvider)store.Time;
        for (var i = 0; i < 10; i++)
        {
            await store.Audit.AppendAsync(Event(i % 2 == 0 ? "Even" : "Odd", actor: i < 5 ? "key:k1" : "user:alice", outcome: i == 7 ? AuditOutcome.Denied : AuditOutcome.Success), default);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<List<long>> All(AuditFilter filter, AuditOrder order)
        {
            var seqs = new List<long>();
            long? after = null;
            do
            {
                var page = await store.Audit.QueryAsync("acme", filter, order, 2, after, default);
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
        Assert.Equal([3L], await All(new AuditFilter { Target = "/api/v1/things/Even", From = start.AddMinutes(2), To = start.AddMinutes(4) }, AuditOrder.OldestFirst));
        Assert.Equal([5L, 4, 3, 2, 1], await All(new AuditFilter { Actor = "key:k1" }, AuditOrder.NewestFirst));
    }

    [Fact]
    public async Task The_store_refuses_to_update_or_delete_an_entry()
    {
        await store.Audit.AppendAsync(Event("A"), default);

        var update = Assert.Throws<SqliteException>(() => Sql("UPDATE audit_entries SET actor = 'user:mallory'"));
        var delete = Assert.Throws<SqliteException>(() => Sql("DELETE FROM audit_entries"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'user:mallory' WHERE seq = 3", 3L, "altered")]
    [InlineData("UPDATE audit_entries SET details = '{\"status\":\"200\"}' WHERE seq = 3", 3L, "altered")]
    [InlineData("UPDATE audit_entries SET outcome = 'succeeded' WHERE seq = 3", 3L, "altered")]
    [InlineData("DELETE FROM audit_entries WHERE seq = 3", 3L, "missing")]
    [InlineData("DELETE FROM audit_entries WHERE seq >= 4", 4L, "missing from the end")]
    public async Task Verification_finds_a_row_edited_by_hand(string edit, long brokenAt, string problem)
    {
        for (var i = 0; i < 5; i++)
        {
            await store.Audit.AppendAsync(Event("A" + i), default);
        }

        Sql($"DROP TRIGGER audit_entries_append_only_update; DROP TRIGGER audit_entries_append_only_delete; {edit};");
        var result = await VerifyAsync();

        Assert.False(result.Verified);
        Assert.Equal(brokenAt, result.FirstBrokenLink!.Sequence);
        Assert.Contains(problem, result.FirstBrokenLink.Problem, StringComparison.Ordinal);
    }
}
