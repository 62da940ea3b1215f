using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Functions;

public static class DurableFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Durable Functions as the durable runtime (the Functions apps' counterpart of <c>AddEmbeddedDurableRuntime</c>):
    /// <see cref="IOrchestrationClient"/> over the running function's <c>[DurableClient]</c>, the runner the
    /// orchestrator and activity triggers forward to, and the registry the modules add their tasks to.
    /// </summary>
    public static IHostApplicationBuilder AddDurableFunctionsRuntime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OrchestrationRegistry>();
        builder.Services.AddSingleton<IOrchestrationClient, DurableOrchestrationClient>();
        builder.Services.AddSingleton<IOrchestrationHistory, NoHistorySummary>();
        builder.Services.AddSingleton<OrchestrationTenancy>();
        builder.Services.AddSingleton<DurableTaskRunner>();

        // Payloads as our JSON, on the worker and on every client it builds.
        builder.Services.AddSingleton<Microsoft.DurableTask.DataConverter>(QlrfDataConverter.Instance);
        builder.Services.ConfigureAll<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(o => o.DataConverter = QlrfDataConverter.Instance);
        builder.Services.ConfigureAll<Microsoft.DurableTask.Client.DurableTaskClientOptions>(o => o.DataConverter = QlrfDataConverter.Instance);
        return builder;
    }
}
