using Qlrf.Notifications;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableNotificationOutboxTests
{
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly TableNotificationOutbox outbox;

    public TableNotificationOutboxTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        outbox = new TableNotificationOutbox(tables, time);
    }

    private Notification Notification(string id, string org = "acme", string subject = "rollout-1") => new()
    {
        Id = id,
        Organisation = org,
        Event = NotificationEvent.AwaitingApproval,
        Subject = subject,
        Text = "Rollout rollout-1 awaits approval",
        CreatedAt = time.GetUtcNow(),
    };

    private ObservedTable Table => tables.Table(TableNames.Notifications);

    [Fact]
    public async Task A_notification_is_due_once_per_channel_across_organisations_and_enqueueing_it_again_changes_nothing()
    {
        await outbox.EnqueueAsync(Notification("n1"), ["slack", "teams"], default);
        await outbox.EnqueueAsync(Notification("n2", "globex"), ["webhook"], default);
        await outbox.EnqueueAsync(Notification("n1"), ["slack", "teams"], default);

        var due = await outbox.DueAsync(10, default);

        Assert.Equal(["acme/n1/slack", "acme/n1/teams", "globex/n2/webhook"], due.Select(d => $"{d.Notification.Organisation}/{d.Notification.Id}/{d.Channel}").Order());
        Assert.All(due, d => Assert.Equal((NotificationDeliveryStatus.Pending, 0), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task A_delivered_one_is_no_longer_due_and_keeps_its_message_reference()
    {
        await outbox.EnqueueAsync(Notification("n1"), ["slack"], default);
        var delivery = Assert.Single(await outbox.DueAsync(10, default));

        await outbox.DeliveredAsync(delivery, "C1/123.45", default);

        Assert.Empty(await outbox.DueAsync(10, default));
        var found = await outbox.FindAsync("acme", "n1", "slack", default);
        Assert.Equal((NotificationDeliveryStatus.Delivered, 1, "C1/123.45"), (found!.Status, found.Attempts, found.MessageRef));
        Assert.Empty(await Table.QueryAsync("due", null, null, default).ToListAsync(default));
    }

    [Fact]
    public async Task A_failure_is_retried_when_its_time_comes_and_given_up_after_the_last()
    {
        await outbox.EnqueueAsync(Notification("n1"), ["slack"], default);
        var delivery = Assert.Single(await outbox.DueAsync(10, default));

        await outbox.FailedAsync(delivery, "503", time.GetUtcNow().AddSeconds(5), default);
        Assert.Empty(await outbox.DueAsync(10, default));
        time.Advance(TimeSpan.FromSeconds(5));
        var retry = Assert.Single(await outbox.DueAsync(10, default));
        Assert.Equal((1, "503"), (retry.Attempts, retry.LastError));

        await outbox.FailedAsync(retry, "503 again", null, default);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await outbox.DueAsync(10, default));
        Assert.Equal(NotificationDeliveryStatus.GaveUp, (await outbox.FindAsync("acme", "n1", "slack", default))!.Status);
    }

    [Fact]
    public async Task A_change_cut_short_after_its_new_due_hint_loses_nothing()
    {
        await outbox.EnqueueAsync(Notification("n1"), ["slack"], default);
        var delivery = Assert.Single(await outbox.DueAsync(10, default));

        // The hint for the retry lands, then the write of the delivery fails: the old hint still makes it due now.
        await Table.UpsertAsync(new TableRow("due", TableKeys.Number(time.GetUtcNow().AddMinutes(5).UtcTicks) + "|acme|n1|slack"), default);

        Assert.Single(await outbox.DueAsync(10, default));
        await outbox.DeferAsync(delivery, time.GetUtcNow().AddMinutes(5), default);
        Assert.Empty(await outbox.DueAsync(10, default));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(await outbox.DueAsync(10, default));
    }

    [Fact]
    public async Task A_subjects_deliveries_list_in_the_order_they_were_enqueued()
    {
        await outbox.EnqueueAsync(Notification("n1"), ["slack"], default);
        time.Advance(TimeSpan.FromSeconds(1));
        await outbox.EnqueueAsync(Notification("n2"), ["slack", "teams"], default);
        await outbox.EnqueueAsync(Notification("n3", subject: "rollout-2"), ["slack"], default);

        var listed = await outbox.ListAsync("acme", "rollout-1", default);

        Assert.Equal(["n1/slack", "n2/slack", "n2/teams"], listed.Select(d => $"{d.Notification.Id}/{d.Channel}"));
    }
}
