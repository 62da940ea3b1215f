using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>What clients write: new instances, events and control messages.</summary>
internal sealed partial class DurableStore
{
    /// <summary>Creates an instance; throws <see cref="ConflictException"/> if a live instance holds the id.</summary>
    public async Task StartAsync(string instanceId, string name, string? input, CancellationToken cancellationToken)
    {
        var existing = await WriteAsync((s, now) => CreateInstance(s, instanceId, name, input, null, now), cancellationToken);
        if (existing is { } status)
        {
            throw new ConflictException($"The orchestration instance '{instanceId}' already exists and is {Sql.Text(status)}.");
        }

        OrchestrationWork.Set();
    }

    /// <summary>
    /// Puts a message in an instance's inbox. Returns the instance's status, or null if there is no such instance;
    /// nothing is written for a terminal instance.
    /// </summary>
    public async Task<OrchestrationRuntimeStatus?> SendAsync(string instanceId, MessageKind kind, string? name, string? data, CancellationToken cancellationToken)
    {
        var status = await WriteAsync((s, now) =>
        {
            var current = StatusOf(s, instanceId);
            if (current is { } live && !live.IsTerminal())
            {
                Enqueue(s, new OutboundMessage(instanceId, null, kind) { Name = name, Data = data }, now);
            }

            return current;
        }, cancellationToken);
        if (status is { } sent && !sent.IsTerminal())
        {
            OrchestrationWork.Set();
        }

        return status;
    }

    private static OrchestrationRuntimeStatus? StatusOf(Statements statements, string instanceId)
    {
        var command = statements.Get("SELECT status FROM durable_instances WHERE instance_id = $i");
        command.Add("$i", instanceId);
        return command.ExecuteScalar() is string text ? Json.EnumText<OrchestrationRuntimeStatus>.Parse(text) : null;
    }
}
