using Qlrf.Audit;

namespace Qlrf.UnitTests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    internal static AuditEvent Event(string action, string org = "acme", string actor = "key:k1") => new()
    {
        Organisation = org,
        Actor = actor,
        Action = action,
        Target = "/api/v1/things/" + action,
        Outcome = AuditOutcome.Success,
        RequestId = "00-abc-def-01",
        Source = "127.0.0.1",
        Details = new Dictionary<string, string> { ["status"] = "201", ["method"] = "POST" },
    };

    internal static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var head = entries.Count == 0 ? null : new AuditHead(entries[^1].Sequence, entries[^1].Hash);
            entries.Add(AuditChain.Seal(Event("Action" + i), head, T0.AddSeconds(i)));
        }

        return entries;
    }

    private static AuditVerification Verify(IEnumerable<AuditEntry> entries, AuditHead? head)
    {
        var verifier = new AuditChainVerifier("acme");
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Finish(head);
    }

    private static AuditHead HeadOf(List<AuditEntry> chain) => new(chain[^1].Sequence, chain[^1].Hash);

    [Fact]
    public void Entries_are_numbered_from_one_and_each_carries_the_hash_of_the_one_before()
    {
        var chain = Chain(3);

        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        Assert.All(chain, e => Assert.Equal(64, e.Hash.Length));
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        var chain = Chain(5);

        var result = Verify(chain, HeadOf(chain));

        Assert.True(result.Verified);
        Assert.Equal(5, result.Checked);
        Assert.Null(result.FirstBrokenLink);
    }

    [Fact]
    public void An_empty_log_verifies() => Assert.True(Verify([], null).Verified);

    [Fact]
    public void The_hash_does_not_depend_on_the_order_details_were_given_in_and_time_is_kept_to_the_millisecond()
    {
        var a = AuditChain.Seal(Event("X") with { Details = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, null, T0.AddTicks(1234));
        var b = AuditChain.Seal(Event("X") with { Details = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } }, null, T0);

        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(T0, a.Time);
    }

    public static TheoryData<string, Func<AuditEntry, AuditEntry>> Edits => new()
    {
        { "actor", e => e with { Actor = "user:mallory" } },
        { "action", e => e with { Action = "Nothing" } },
        { "target", e => e with { Target = "/elsewhere" } },
        { "outcome", e => e with { Outcome = AuditOutcome.Denied } },
        { "time", e => e with { Time = e.Time.AddMinutes(-5) } },
        { "source", e => e with { Source = "10.0.0.1" } },
        { "request", e => e with { RequestId = "other" } },
        { "details", e => e with { Details = new Dictionary<string, string> { ["status"] = "200", ["method"] = "POST" } } },
        { "organisation", e => e with { Organisation = "globex" } },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Changing_any_field_of_an_entry_breaks_the_chain_at_that_entry(string field, Func<AuditEntry, AuditEntry> edit)
    {
        var chain = Chain(5);
        chain[2] = edit(chain[2]);

        var result = Verify(chain, HeadOf(chain));

        Assert.False(result.Verified, field);
        Assert.Equal(3, result.FirstBrokenLink!.Sequence);
        Assert.Equal(2, result.Checked);
    }

    [Fact]
    public void Rehashing_an_altered_entry_breaks_the_link_to_the_next()
    {
        var chain = Chain(5);
        var altered = chain[2] with { Actor = "user:mallory" };
        chain[2] = altered with { Hash = AuditChain.ComputeHash(altered) };

        var result = Verify(chain, HeadOf(chain));

        Assert.Equal(4, result.FirstBrokenLink!.Sequence);
        Assert.Contains("previous hash", result.FirstBrokenLink.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_entry_is_a_gap()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var result = Verify(chain, HeadOf(chain));

        Assert.Equal(2, result.FirstBrokenLink!.Sequence);
        Assert.Contains("entries 2 to 2 are missing", result.FirstBrokenLink.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_dropped_from_the_end_show_against_the_head()
    {
        var chain = Chain(5);
        var head = HeadOf(chain);
        chain.RemoveRange(3, 2);

        var result = Verify(chain, head);

        Assert.Equal(4, result.FirstBrokenLink!.Sequence);
        Assert.Contains("missing from the end", result.FirstBrokenLink.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_that_does_not_match_the_last_entry_shows()
    {
        var chain = Chain(3);

        var result = Verify(chain, new AuditHead(3, new string('f', 64)));

        Assert.Equal(3, result.FirstBrokenLink!.Sequence);
    }
}
