using Qlrf.Approvals;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>Keys, JSON columns and the Table Storage rules the stores rely on, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRulesTests(Azurite azurite)
{
    private readonly AzureTables tables = azurite.NewTables();

    [Theory]
    [InlineData("plain-id")]
    [InlineData("a/b\\c#d?e%f|g")]
    [InlineData("tab\there")]
    public void Any_id_escapes_to_a_valid_key_and_back(string id)
    {
        var key = TableKeys.Escape(id);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));
        Assert.Equal(id, TableKeys.Unescape(key));
    }

    [Fact]
    public void Numbers_sort_as_numbers_and_a_prefix_bounds_its_keys()
    {
        Assert.True(string.CompareOrdinal(TableKeys.Number(9), TableKeys.Number(10)) < 0);
        Assert.True(string.CompareOrdinal(TableKeys.Descending(10), TableKeys.Descending(9)) < 0);
        Assert.True(string.CompareOrdinal("s|x|zzz", TableKeys.PrefixEnd("s|x|")) < 0);
        Assert.True(string.CompareOrdinal("s|y", TableKeys.PrefixEnd("s|x|")) > 0);
    }

    [Fact]
    public async Task A_large_record_spreads_over_json_columns_within_a_rows_limits()
    {
        var table = tables["t"];
        var approval = new Approval
        {
            Id = "a1",
            Organisation = "acme",
            Kind = "rollout",
            Subject = "r1",
            RequestedBy = "user:alice",
            Environments = Enumerable.Range(0, 10_000).Select(i => "environment-" + i).ToList(),
            RequiredApprovals = 1,
            CreatedAt = DateTimeOffset.UnixEpoch,
            ExpiresAt = DateTimeOffset.UnixEpoch,
        };
        var row = new TableRow("acme", "a1");
        JsonColumns.Write(row, approval);

        await table.AddAsync(row, default);

        Assert.True(row.Properties.Count > 4);
        Assert.Equal(approval.Environments, JsonColumns.Read<Approval>((await table.GetAsync("acme", "a1", default))!).Environments);
    }

    [Fact]
    public async Task A_batch_is_one_partition_and_all_or_nothing()
    {
        var table = tables["t"];
        await table.AddAsync(new TableRow("p", "b"), default);

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitAsync([TableAction.Add(new TableRow("p", "x")), TableAction.Add(new TableRow("q", "y"))], default));
        await Assert.ThrowsAsync<TableConflictException>(() => table.SubmitAsync([TableAction.Add(new TableRow("p", "a")), TableAction.Add(new TableRow("p", "b"))], default));

        Assert.Null(await table.GetAsync("p", "a", default));
    }

    [Fact]
    public async Task Writes_Azure_refuses_fail_before_they_are_sent_and_write_nothing()
    {
        var table = tables["t"];
        TableRow Row(string rowKey, string? text = null) => new("p", rowKey) { ["Text"] = text };

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitAsync(Enumerable.Range(0, 101).Select(i => TableAction.Upsert(Row("r" + i))).ToList(), default));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitAsync([TableAction.Upsert(Row("a")), TableAction.Upsert(Row("a"))], default));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(Row(new string('k', 513)), default));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(Row("a/b"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(Row("a\u0007b"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(Row("big", new string('x', (32 * 1024) + 1)), default));
        var wide = new TableRow("p", "wide");
        for (var i = 0; i < 40; i++)
        {
            wide["P" + i] = new string('x', 32_000);
        }

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(wide, default));
        var large = Enumerable.Range(0, 5).Select(i =>
        {
            var row = new TableRow("p", "large" + i);
            JsonColumns.WriteText(row, new string('x', JsonColumns.MaxLength));
            return TableAction.Upsert(row);
        }).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitAsync(large, default));

        Assert.Empty(await table.QueryAsync("p", null, null, default).ToListAsync(default));
        await table.UpsertAsync(Row(new string('k', 512), new string('x', 32 * 1024)), default);
        await table.SubmitAsync(large.Take(4).ToList(), default);
        Assert.Equal(5, (await table.QueryAsync("p", null, null, default).ToListAsync(default)).Count);
    }

    [Fact]
    public async Task A_conditional_write_needs_the_rows_current_ETag()
    {
        var table = tables["t"];
        var etag = await table.AddAsync(new TableRow("p", "a") { ["N"] = 1 }, default);
        await table.ReplaceAsync(new TableRow("p", "a") { ["N"] = 2 }, etag, default);

        await Assert.ThrowsAsync<TablePreconditionException>(() => table.ReplaceAsync(new TableRow("p", "a") { ["N"] = 3 }, etag, default));
        Assert.False(await table.DeleteAsync("p", "missing", default));
    }

    [Fact]
    public async Task The_sandbox_state_reads_back_by_organisation()
    {
        var store = new TableSandboxStateStore(tables, new ManualTimeProvider());

        var set = await store.SetImageAsync("acme", "use1/web#1", "2026.10.1", "ami-1", "rollout-1/wave-1", default);
        await store.SetImageAsync("globex", "other", "1.0", null, "x", default);

        Assert.Equal(set, await store.GetAsync("acme", "use1/web#1", default));
        Assert.Equal(["use1/web#1"], (await store.LoadAsync("acme", default)).Keys);
    }
}
