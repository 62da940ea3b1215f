using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Channels.Delivery;
using Qlrf.Triggers;

namespace Qlrf.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers notification delivery to Slack, Teams and a webhook (section <c>Qlrf:Notifications</c>), with the
    /// delivery timer (<see cref="NotificationDispatcher.ScheduleSetting"/>).
    /// </summary>
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        foreach (var name in new[] { SlackSender.Name, TeamsSender.Name, WebhookSender.Name })
        {
            services.AddHttpClient(name, c => c.Timeout = TimeSpan.FromSeconds(15));
        }

        services.AddSingleton<INotificationSender, SlackSender>();
        services.AddSingleton<INotificationSender, TeamsSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddTimerFunctions(t => t.Add<NotificationDispatcher>(
            nameof(NotificationDispatcher.DeliverAllDueAsync), NotificationDispatcher.ScheduleSetting, NotificationDispatcher.DefaultSchedule, (d, _, ct) => d.DeliverAllDueAsync(ct)));
        return builder;
    }
}
