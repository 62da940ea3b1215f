using Qlrf.Discovery;
using Qlrf.Store.Sqlite;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteAssetChangeQueueTests : IDisposable
{
    private readonly ManualTimeProvider time = new();
    private readonly TempStore store;

    public SqliteAssetChangeQueueTests() =>
        store = new TempStore(time, new QueueOptions { VisibilityTimeout = TimeSpan.FromMinutes(5), MaxDeliveries = 3, RetryDelay = TimeSpan.FromSeconds(1) });

    public void Dispose() => store.Dispose();

    private async Task EnqueueAsync(params string[] ids) =>
        await store.Database.WriteAsync((c, t) => store.Queue.Enqueue(c, t, ids.Select((id, i) => Change(id))), CancellationToken.None);

    private AssetChanged Change(string id) => new()
    {
        EventId = Guid.NewGuid(),
        Organisation = "acme",
        Source = "sandbox",
        SweepRunId = "run",
        Kind = AssetChangeKind.Added,
        AssetId = id,
        Version = 1,
        Asset = Assets.Make(id),
        DetectedAt = time.GetUtcNow(),
    };

    [Fact]
    public async Task Received_messages_are_invisible_until_the_visibility_timeout_then_redelivered()
    {
        await EnqueueAsync("a", "b");

        var first = await store.Queue.ReceiveAsync(10, default);
        Assert.Equal(["a", "b"], first.Select(d => d.Message!.AssetId));
        Assert.Empty(await store.Queue.ReceiveAsync(10, default));

        time.Advance(TimeSpan.FromMinutes(5));
        var again = await store.Queue.ReceiveAsync(10, default);

        Assert.Equal([2, 2], again.Select(d => d.DeliveryCount));
        Assert.NotEqual(first[0].Receipt, again[0].Receipt);
    }

    [Fact]
    public async Task Completing_with_a_stale_receipt_removes_nothing()
    {
        await EnqueueAsync("a");
        var stale = await store.Queue.ReceiveAsync(1, default);
        time.Advance(TimeSpan.FromMinutes(6));
        var current = await store.Queue.ReceiveAsync(1, default);

        await store.Queue.CompleteAsync(stale, default);
        Assert.Equal(1, (await store.Queue.GetDepthAsync(default)).InFlight);

        await store.Queue.CompleteAsync(current, default);
        Assert.Equal(new Qlrf.Messaging.QueueDepth(0, 0, 0), await store.Queue.GetDepthAsync(default));
    }

    [Fact]
    public async Task An_abandoned_message_is_retried_after_a_backoff_and_dead_lettered_after_the_last_delivery()
    {
        await EnqueueAsync("poison");
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var d = Assert.Single(await store.Queue.ReceiveAsync(1, default));
            Assert.Equal(delivery, d.DeliveryCount);
            await store.Queue.AbandonAsync(d, $"boom {delivery}", default);
            Assert.Empty(await store.Queue.ReceiveAsync(1, default));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var depth = await store.Queue.GetDepthAsync(default);
        Assert.Equal((0L, 0L, 1L), (depth.Visible, depth.InFlight, depth.DeadLettered));
        var dead = Assert.Single((await store.Queue.ListDeadLettersAsync("acme", 10, null, default)).Items);
        Assert.Equal(3, dead.DeliveryCount);
        Assert.StartsWith("boom 3", dead.LastError, StringComparison.Ordinal);
        Assert.Contains("\"assetId\":\"poison\"", dead.Body, StringComparison.Ordinal);
        Assert.Empty((await store.Queue.ListDeadLettersAsync("other-org", 10, null, default)).Items);
    }

    [Fact]
    public async Task A_message_whose_consumer_died_on_its_last_delivery_is_dead_lettered_when_it_comes_due()
    {
        await EnqueueAsync("crashy");
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            Assert.Single(await store.Queue.ReceiveAsync(1, default));
            time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Empty(await store.Queue.ReceiveAsync(1, default));
        Assert.StartsWith("no error recorded", Assert.Single((await store.Queue.ListDeadLettersAsync("acme", 10, null, default)).Items).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reclaim_makes_in_flight_messages_visible_at_once()
    {
        await EnqueueAsync("a", "b", "c");
        Assert.Equal(2, (await store.Queue.ReceiveAsync(2, default)).Count);

        Assert.Equal(2, await store.Queue.ReclaimInFlightAsync(default));

        Assert.Equal(3, (await store.Queue.ReceiveAsync(10, default)).Count);
    }

    [Fact]
    public async Task An_unreadable_body_is_delivered_without_a_message_so_it_can_be_dead_lettered()
    {
        await store.Database.WriteAsync((c, t) => store.Queue.Queue.Enqueue(c, t, [("acme", "{not json")]), default);

        var delivery = Assert.Single(await store.Queue.ReceiveAsync(1, default));

        Assert.Null(delivery.Message);
        Assert.Equal("{not json", delivery.Body);
    }

    [Fact]
    public async Task Dead_letters_page_newest_first()
    {
        await EnqueueAsync("a", "b", "c");
        foreach (var d in await store.Queue.ReceiveAsync(10, default))
        {
            await store.Queue.AbandonAsync(d with { DeliveryCount = 3 }, "x", default);
        }

        var page1 = await store.Queue.ListDeadLettersAsync("acme", 2, null, default);
        var page2 = await store.Queue.ListDeadLettersAsync("acme", 2, page1.NextCursor, default);

        Assert.Equal(2, page1.Items.Count);
        Assert.NotNull(page1.NextCursor);
        Assert.Single(page2.Items);
        Assert.Null(page2.NextCursor);
        Assert.True(page1.Items[0].MessageId > page1.Items[1].MessageId && page1.Items[1].MessageId > page2.Items[0].MessageId);
    }
}
