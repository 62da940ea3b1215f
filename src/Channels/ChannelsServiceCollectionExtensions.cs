using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Approvals;
using Qlrf.Channels.Delivery;
using Qlrf.Channels.Links;
using Qlrf.Channels.Slack;
using Qlrf.Channels.Teams;
using Qlrf.Tenancy;
using Qlrf.Triggers;

namespace Qlrf.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers notification delivery to Slack, Teams and a webhook (section <c>Qlrf:Notifications</c>), with the
    /// delivery timer (<see cref="NotificationDispatcher.ScheduleSetting"/>), and
    /// what the approval callbacks need from the channels (section <c>Qlrf:Approvals</c>): the chat users'
    /// identities, signed approval links, Slack's replay guard and response poster, and the Bot Framework
    /// token check.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTenancyOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalChannelsOptions>().BindConfiguration(ApprovalChannelsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalChannelsOptions>, ApprovalChannelsOptionsValidator>();
        foreach (var name in new[] { SlackSender.Name, TeamsSender.Name, WebhookSender.Name })
        {
            // No request logging: these URLs are credentials (Slack's incoming webhook and response URLs, a
            // webhook receiver's tokenised address). Failures are logged by the senders, without them.
            services.AddHttpClient(name, c => c.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        }

        services.AddSingleton<INotificationSender, SlackSender>();
        services.AddSingleton<INotificationSender, TeamsSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddTimerFunctions(t => t.Add<NotificationDispatcher>(
            nameof(NotificationDispatcher.DeliverAllDueAsync), NotificationDispatcher.ScheduleSetting, NotificationDispatcher.DefaultSchedule, (d, _, ct) => d.DeliverAllDueAsync(ct)));

        services.AddSingleton<ApprovalLinkIssuer>();
        services.AddSingleton<ChatIdentities>();
        services.AddSingleton<ApprovalViews>();
        services.AddSingleton<SlackReplayGuard>();
        services.AddSingleton<SlackResponder>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackResponder>());
        services.AddSingleton<BotFrameworkTokenValidator>();
        return builder;
    }
}
