using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded durable runtime (section <c>Qlrf:Durable</c>) on the embedded SQLite store, behind
    /// <see cref="IOrchestrationClient"/> and <see cref="IOrchestrationHistory"/>, and runs its dispatchers and its
    /// retention purge in the host. Orchestrators and activities register here or through
    /// <see cref="OrchestrationServiceCollectionExtensions.AddOrchestrationTasks"/>. Needs <c>AddSqliteStore()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedDurableRuntime(this IHostApplicationBuilder builder, Action<OrchestrationRegistry>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DurableOptions>().BindConfiguration(DurableOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrchestrationRegistry>();
        if (configure is not null)
        {
            services.AddOrchestrationTasks(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(DurableSchema.V1);
        services.AddSingleton<DurableStore>();
        services.AddSingleton<DurableTelemetry>();
        services.AddSingleton<CommitQueue>();
        services.AddSingleton(sp => new ExecutionCache(sp.GetRequiredService<IOptions<DurableOptions>>().Value.MaxCachedInstances));
        services.AddSingleton<LeaseTracker>();
        services.AddSingleton<CompletionWatchers>();
        services.AddSingleton<OrchestrationDispatcher>();
        services.AddSingleton<ActivityDispatcher>();
        services.AddSingleton<LeaseRenewer>();
        services.AddSingleton<RetentionPurgeService>();
        services.AddSingleton<EmbeddedOrchestrationClient>();
        services.AddSingleton<IOrchestrationClient>(sp => sp.GetRequiredService<EmbeddedOrchestrationClient>());
        services.AddSingleton<IOrchestrationHistory>(sp => sp.GetRequiredService<EmbeddedOrchestrationClient>());
        services.AddSingleton<OrchestrationTenancy>();
        services.AddHostedService<DurableRuntimeService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurgeService>());
        return builder;
    }
}
