using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Qlrf.Messaging.StorageQueues;

public static class StorageQueueAssetChanges
{
    /// <summary>The app setting naming the asset-change queue (default <see cref="DefaultQueue"/>); the Queue trigger binds it as <c>%QLRF_ASSET_CHANGES_QUEUE%</c>.</summary>
    public const string QueueSetting = "QLRF_ASSET_CHANGES_QUEUE";

    public const string DefaultQueue = "asset-changes";

    /// <summary>
    /// The connection the Queue trigger binds and the clients here use: identity-based settings
    /// <c>AssetChangesQueue__queueServiceUri</c> (with <c>__credential</c> and <c>__clientId</c> for the trigger), or a
    /// connection string in <c>AssetChangesQueue</c> itself (Azurite, tests).
    /// </summary>
    public const string Connection = "AssetChangesQueue";

    /// <summary>
    /// The asset-change queue on a Storage queue, reached with the app's managed identity (the registered
    /// <see cref="TokenCredential"/>) through the trigger's connection settings: publishing behind
    /// <see cref="IAssetChangePublisher"/>, the poison queue behind <see cref="IDeadLetters"/>, and
    /// <see cref="StorageQueueDelivery"/> for the trigger. Missing settings fail start-up, naming them.
    /// </summary>
    public static IHostApplicationBuilder AddStorageQueueAssetChanges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<StorageQueueOptions>().BindConfiguration(StorageQueueOptions.Section).ValidateDataAnnotations()
            .Validate(_ => HasConnection(configuration), MissingConnection)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        var queue = configuration[QueueSetting] is { Length: > 0 } name ? name : DefaultQueue;
        services.AddSingleton(sp => new AssetChangeQueues(ServiceClient(configuration, sp), queue));
        services.AddSingleton<IAssetChangePublisher, StorageQueueAssetChangePublisher>();
        services.AddSingleton<IDeadLetters, PoisonQueueDeadLetters>();
        services.AddSingleton<StorageQueueDelivery>();
        return builder;
    }

    private const string MissingConnection =
        $"Missing setting '{Connection}__queueServiceUri' (the asset-change queue's Storage account, e.g. https://<account>.queue.core.windows.net), or a connection string in '{Connection}'.";

    /// <summary>Checked on start, so an app without the queue's connection fails to start rather than on its first message.</summary>
    private static bool HasConnection(IConfiguration configuration) =>
        configuration[Connection] is { Length: > 0 } || configuration[$"{Connection}:queueServiceUri"] is { Length: > 0 };

    private static QueueServiceClient ServiceClient(IConfiguration configuration, IServiceProvider services)
    {
        if (configuration[Connection] is { Length: > 0 } connectionString)
        {
            return new QueueServiceClient(connectionString, AssetChangeQueues.ClientOptions);
        }

        var uri = configuration[$"{Connection}:queueServiceUri"] ?? throw new InvalidOperationException(MissingConnection);
        return new QueueServiceClient(new Uri(uri), services.GetRequiredService<TokenCredential>(), AssetChangeQueues.ClientOptions);
    }
}
