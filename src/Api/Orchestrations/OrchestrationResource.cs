using System.Text.Json;
using Qlrf.Orchestration;

namespace Qlrf.Api.Orchestrations;

/// <summary>An orchestration instance as the admin API shows it: its state, its payloads as JSON, and its history in brief.</summary>
public sealed record OrchestrationResource(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? CustomStatus,
    TaskFailureDetails? Failure,
    OrchestrationHistorySummary? History)
{
    public static OrchestrationResource From(OrchestrationMetadata state, OrchestrationHistorySummary? history)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new OrchestrationResource(
            state.InstanceId, state.Name, state.RuntimeStatus, state.CreatedAt, state.LastUpdatedAt, state.CompletedAt,
            Json(state.SerializedInput), Json(state.SerializedOutput), Json(state.SerializedCustomStatus), state.FailureDetails, history);
    }

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

/// <summary>The body of a terminate request: a reason (recorded as the output) and whether sub-orchestrations go too.</summary>
public sealed record TerminateRequest(string? Reason, bool Recursive = false);
