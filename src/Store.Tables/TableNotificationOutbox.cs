using Qlrf.Json;
using Qlrf.Notifications;

namespace Qlrf.Store.Tables;

/// <summary>
/// The notification outbox on Table Storage (<see cref="TableNames.Notifications"/>). A delivery lives in its
/// organisation's partition (<c>d|{notification}|{channel}</c>, with a <c>s|{subject}|...</c> index row written in
/// the same batch). The dispatcher finds due deliveries through partition <c>due</c> (<c>{time}|{org}|...</c>), its
/// cross-organisation work queue as in the embedded store. That index lives in another partition, so it is a hint
/// written before the delivery changes: a delivery is due when its own row says so, and index rows that no longer
/// match a pending delivery are removed as the dispatcher meets them. Nothing is lost if a write is cut short.
/// </summary>
public sealed class TableNotificationOutbox(ITables tables, TimeProvider time) : INotificationOutbox
{
    private const string DuePartition = "due";
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    private ITable Table => tables[TableNames.Notifications];

    public async Task EnqueueAsync(Notification notification, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(channels);
        var now = time.GetUtcNow();
        foreach (var channel in channels)
        {
            await Table.UpsertAsync(DueRow(now, notification.Organisation, notification.Id, channel), cancellationToken);
            var delivery = new TableRow(notification.Organisation, DeliveryKey(notification.Id, channel))
            {
                ["Subject"] = notification.Subject,
                ["Channel"] = channel,
                ["Status"] = EnumText<NotificationDeliveryStatus>.Of(NotificationDeliveryStatus.Pending),
                ["Attempts"] = 0,
                ["NextAttemptAt"] = now,
                ["CreatedAt"] = now,
            };
            JsonColumns.Write(delivery, notification);
            var index = new TableRow(notification.Organisation, SubjectKey(notification.Subject, now, notification.Id, channel));
            try
            {
                await Table.SubmitAsync([TableAction.Add(delivery), TableAction.Add(index)], cancellationToken);
            }
            catch (TableConflictException)
            {
                // Recorded before: left as it is.
            }
        }
    }

    public async Task<IReadOnlyList<NotificationDelivery>> DueAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<NotificationDelivery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var hint in Table.QueryAsync(DuePartition, null, TableKeys.Number(now.UtcTicks + 1), cancellationToken))
        {
            var (at, org, id, channel) = ParseDue(hint.RowKey);
            var row = await Table.GetAsync(org, DeliveryKey(id, channel), cancellationToken);
            var pending = row is not null && row.Text("Status") == EnumText<NotificationDeliveryStatus>.Of(NotificationDeliveryStatus.Pending);
            if (pending && row!.GetDate("NextAttemptAt") <= now)
            {
                if (seen.Add(row.RowKey + "|" + org) && due.Count < max)
                {
                    due.Add(Read(row));
                }
            }
            else if ((row is null && now - at > OrphanAge) || (row is not null && (!pending || row.GetDate("NextAttemptAt") > at)))
            {
                await Table.DeleteAsync(DuePartition, hint.RowKey, cancellationToken);
            }

            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    public Task DeliveredAsync(NotificationDelivery delivery, string? messageRef, CancellationToken cancellationToken) =>
        UpdateAsync(delivery, null, row =>
        {
            row["Status"] = EnumText<NotificationDeliveryStatus>.Of(NotificationDeliveryStatus.Delivered);
            row["Attempts"] = row.Number("Attempts") + 1;
            row["MessageRef"] = messageRef;
            row["LastError"] = null;
        }, cancellationToken);

    public Task FailedAsync(NotificationDelivery delivery, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(delivery, retryAt, row =>
        {
            row["Attempts"] = row.Number("Attempts") + 1;
            row["LastError"] = error;
            if (retryAt is null)
            {
                row["Status"] = EnumText<NotificationDeliveryStatus>.Of(NotificationDeliveryStatus.GaveUp);
            }
            else
            {
                row["NextAttemptAt"] = retryAt.Value;
            }
        }, cancellationToken);

    public Task DeferAsync(NotificationDelivery delivery, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(delivery, retryAt, row => row["NextAttemptAt"] = retryAt, cancellationToken);

    public async Task<NotificationDelivery?> FindAsync(string organisation, string notificationId, string channel, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, DeliveryKey(notificationId, channel), cancellationToken) is { } row ? Read(row) : null;

    public async Task<IReadOnlyList<NotificationDelivery>> ListAsync(string organisation, string subject, CancellationToken cancellationToken)
    {
        var deliveries = new List<NotificationDelivery>();
        await foreach (var index in Table.QueryPrefixAsync(organisation, TableKeys.Join("s", subject) + TableKeys.Separator, cancellationToken))
        {
            var parts = index.RowKey.Split(TableKeys.Separator);
            if (await Table.GetAsync(organisation, DeliveryKey(TableKeys.Unescape(parts[^2]), TableKeys.Unescape(parts[^1])), cancellationToken) is { } row)
            {
                deliveries.Add(Read(row));
            }
        }

        return deliveries;
    }

    /// <summary>Writes the due hint for the new time first, then the delivery (by ETag), then drops the old hint.</summary>
    private async Task UpdateAsync(NotificationDelivery delivery, DateTimeOffset? nextAttempt, Action<TableRow> change, CancellationToken cancellationToken)
    {
        var n = delivery.Notification;
        if (nextAttempt is { } next)
        {
            await Table.UpsertAsync(DueRow(next, n.Organisation, n.Id, delivery.Channel), cancellationToken);
        }

        while (await Table.GetAsync(n.Organisation, DeliveryKey(n.Id, delivery.Channel), cancellationToken) is { } row)
        {
            var previous = row.GetDate("NextAttemptAt");
            change(row);
            try
            {
                await Table.ReplaceAsync(row, row.ETag, cancellationToken);
            }
            catch (TablePreconditionException)
            {
                continue;
            }

            if (previous is { } old && old != nextAttempt)
            {
                await Table.DeleteAsync(DuePartition, DueKey(old, n.Organisation, n.Id, delivery.Channel), cancellationToken);
            }

            return;
        }
    }

    private static NotificationDelivery Read(TableRow row) => new(
        JsonColumns.Read<Notification>(row),
        row.Text("Channel"),
        EnumText<NotificationDeliveryStatus>.Parse(row.Text("Status")),
        (int)row.Number("Attempts"),
        row.GetString("LastError"),
        row.GetString("MessageRef"));

    private static string DeliveryKey(string notificationId, string channel) => TableKeys.Join("d", notificationId, channel);

    private static string SubjectKey(string subject, DateTimeOffset createdAt, string notificationId, string channel) =>
        TableKeys.Join("s", subject, TableKeys.Number(createdAt.UtcTicks), notificationId, channel);

    private static TableRow DueRow(DateTimeOffset at, string organisation, string notificationId, string channel) =>
        new(DuePartition, DueKey(at, organisation, notificationId, channel));

    private static string DueKey(DateTimeOffset at, string organisation, string notificationId, string channel) =>
        TableKeys.Number(at.UtcTicks) + TableKeys.Separator + TableKeys.Join(organisation, notificationId, channel);

    private static (DateTimeOffset At, string Organisation, string Id, string Channel) ParseDue(string rowKey)
    {
        var parts = rowKey.Split(TableKeys.Separator);
        return (new DateTimeOffset(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            TableKeys.Unescape(parts[1]), TableKeys.Unescape(parts[2]), TableKeys.Unescape(parts[3]));
    }
}
