using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Messaging;

namespace Qlrf.Messaging.ServiceBus;

/// <summary>The asset-change queue's name: app setting <c>QLRF_ASSET_CHANGES_QUEUE</c>, default <c>asset-changes</c>.</summary>
public sealed record AssetChangeQueueName(string Name);

public static class ServiceBusAssetChanges
{
    /// <summary>The application property carrying a message's organisation.</summary>
    public const string OrganisationProperty = "organisation";

    /// <summary>The connection the Service Bus trigger binds, whose identity settings the client uses too.</summary>
    public const string Connection = "ServiceBusConnection";

    /// <summary>
    /// The asset-change queue on Service Bus, reached with the app's managed identity through the same settings the
    /// trigger's connection uses (<c>ServiceBusConnection__fullyQualifiedNamespace</c>): publishing behind
    /// <see cref="IAssetChangePublisher"/> and its dead letters behind <see cref="IDeadLetters"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBusAssetChanges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ns = builder.Configuration[$"{Connection}:fullyQualifiedNamespace"]
            ?? throw new InvalidOperationException($"Missing setting '{Connection}__fullyQualifiedNamespace'.");
        var queue = builder.Configuration["QLRF_ASSET_CHANGES_QUEUE"] is { Length: > 0 } name ? name : "asset-changes";
        builder.Services.AddSingleton(new AssetChangeQueueName(queue));
        builder.Services.AddSingleton(sp => new ServiceBusClient(ns, sp.GetRequiredService<TokenCredential>()));
        builder.Services.AddSingleton<IAssetChangePublisher, ServiceBusAssetChangePublisher>();
        builder.Services.AddSingleton<IDeadLetters, ServiceBusDeadLetters>();
        return builder;
    }
}
