using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Notifications;

namespace Qlrf.Store.Sqlite;

/// <summary>The notification outbox on the embedded store.</summary>
public sealed class SqliteNotificationOutbox(SqliteDatabase database, TimeProvider time) : INotificationOutbox
{
    private const string Columns = "body, channel, status, attempts, last_error, message_ref";
    private const string SignalName = "notifications";

    public async Task EnqueueAsync(Notification notification, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(channels);
        var body = JsonSerializer.Serialize(notification, QlrfJson.Options);
        var now = SqliteValues.ToUnixMs(time.GetUtcNow());
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR IGNORE INTO notification_deliveries (org, notification_id, channel, subject, body, status, attempts, next_attempt_at, created_at)
                VALUES ($org, $id, $channel, $subject, $body, 'pending', 0, $now, $now)
                """;
            command.Add("$org", notification.Organisation);
            command.Add("$id", notification.Id);
            command.Add("$subject", notification.Subject);
            command.Add("$body", body);
            command.Add("$now", now);
            var channel = command.Add("$channel", string.Empty);
            foreach (var name in channels)
            {
                channel.Value = name;
                command.ExecuteNonQuery();
            }
        }, cancellationToken);
        database.Signal(SignalName).Set();
    }

    /// <summary>Waits until a notification may be due (in-process signal) or the timeout passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        database.Signal(SignalName).WaitAsync(timeout, time, cancellationToken);

    public Task<IReadOnlyList<NotificationDelivery>> DueAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationDelivery>>(Read(
            $"SELECT {Columns} FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, created_at LIMIT $n",
            c =>
            {
                c.Add("$now", SqliteValues.ToUnixMs(time.GetUtcNow()));
                c.Add("$n", max);
            }));

    public Task DeliveredAsync(NotificationDelivery delivery, string? messageRef, CancellationToken cancellationToken) =>
        Update(delivery, "status = 'delivered', attempts = attempts + 1, message_ref = $ref, last_error = NULL", c => c.Add("$ref", messageRef), cancellationToken);

    public Task FailedAsync(NotificationDelivery delivery, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        Update(
            delivery,
            retryAt is null
                ? "status = 'gave_up', attempts = attempts + 1, last_error = $error"
                : "attempts = attempts + 1, last_error = $error, next_attempt_at = $at",
            c =>
            {
                c.Add("$error", error);
                c.Add("$at", SqliteValues.DbTime(retryAt));
            },
            cancellationToken);

    public Task DeferAsync(NotificationDelivery delivery, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        Update(delivery, "next_attempt_at = $at", c => c.Add("$at", SqliteValues.ToUnixMs(retryAt)), cancellationToken);

    public Task<NotificationDelivery?> FindAsync(string organisation, string notificationId, string channel, CancellationToken cancellationToken) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM notification_deliveries WHERE org = $org AND notification_id = $id AND channel = $channel",
            c =>
            {
                c.Add("$org", organisation);
                c.Add("$id", notificationId);
                c.Add("$channel", channel);
            }).FirstOrDefault());

    public Task<IReadOnlyList<NotificationDelivery>> ListAsync(string organisation, string subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationDelivery>>(Read(
            $"SELECT {Columns} FROM notification_deliveries WHERE org = $org AND subject = $subject ORDER BY created_at, notification_id, channel",
            c =>
            {
                c.Add("$org", organisation);
                c.Add("$subject", subject);
            }));

    private Task Update(NotificationDelivery delivery, string set, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE notification_deliveries SET {set} WHERE org = $org AND notification_id = $id AND channel = $channel";
            command.Add("$org", delivery.Notification.Organisation);
            command.Add("$id", delivery.Notification.Id);
            command.Add("$channel", delivery.Channel);
            bind(command);
            command.ExecuteNonQuery();
        }, cancellationToken);

    private List<NotificationDelivery> Read(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var deliveries = new List<NotificationDelivery>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            deliveries.Add(new NotificationDelivery(
                JsonSerializer.Deserialize<Notification>(reader.GetString(0), QlrfJson.Options)!,
                reader.GetString(1),
                EnumText<NotificationDeliveryStatus>.Parse(reader.GetString(2)),
                reader.GetInt32(3),
                reader.GetStringOrNull(4),
                reader.GetStringOrNull(5)));
        }

        return deliveries;
    }
}
