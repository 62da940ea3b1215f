using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Json;
using Qlrf.Orchestration;
using Theirs = Microsoft.DurableTask;

namespace Qlrf.Durable.Functions;

/// <summary>
/// What the orchestrator and activity triggers forward to: runs the orchestrator or activity registered under the
/// function's name in <see cref="OrchestrationRegistry"/>, reading its JSON input as the type it declares.
/// </summary>
public sealed class DurableTaskRunner(IOptions<OrchestrationRegistry> registry, IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>Runs an orchestrator for the <c>[OrchestrationTrigger]</c> of the function named <paramref name="name"/>.</summary>
    public async Task<object?> RunOrchestratorAsync(string name, Theirs.TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orchestrator = registry.Value.Orchestrators[name].Create(services);
        var input = Read(context.GetInput<JsonElement?>(), orchestrator.InputType);
        return await orchestrator.RunAsync(new DurableOrchestrationContext(context, loggers), input);
    }

    /// <summary>
    /// Runs an activity for the <c>[ActivityTrigger]</c> of the function named <paramref name="name"/>, in a scope of
    /// its own, with the function's durable client serving <see cref="IOrchestrationClient"/>.
    /// </summary>
    public async Task<object?> RunActivityAsync(string name, JsonElement? input, string instanceId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var activity = registry.Value.Activities[name].Create(scope.ServiceProvider);
        using (DurableClientScope.Use(durable))
        {
            return await activity.RunAsync(new ActivityContext(name, instanceId, cancellationToken), Read(input, activity.InputType));
        }
    }

    private static object? Read(JsonElement? json, Type type) =>
        json is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value ? value.Deserialize(type, QlrfJson.Options) : null;
}
