using Qlrf.Json;

namespace Qlrf.Orchestration;

/// <summary>An instance's state as a client sees it. Input, output and custom status are JSON when fetched.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When it reached a terminal status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private static T? Read<T>(string? json) => json is null ? default : QlrfJson.Deserialize<T>(json);
}
