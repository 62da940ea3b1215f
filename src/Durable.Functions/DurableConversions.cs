using Ours = Qlrf.Orchestration;
using Theirs = Microsoft.DurableTask;
using TheirsClient = Microsoft.DurableTask.Client;

namespace Qlrf.Durable.Functions;

/// <summary>Maps our orchestration types to Microsoft.DurableTask's and back; names and meanings are the same.</summary>
internal static class DurableConversions
{
    public static Theirs.TaskOptions? ToDurable(this Ours.TaskOptions? options)
    {
        var retry = options?.Retry is { } policy ? new Theirs.TaskRetryOptions(policy.ToDurable()) : null;
        return options switch
        {
            null => null,
            Ours.SubOrchestrationOptions sub => new Theirs.SubOrchestrationOptions(retry, sub.InstanceId),
            _ => new Theirs.TaskOptions(retry),
        };
    }

    public static Theirs.RetryPolicy ToDurable(this Ours.RetryPolicy policy) =>
        new(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval, policy.RetryTimeout)
        {
            HandleFailure = details => policy.HandleFailure(details.ToOurs()),
        };

    public static Ours.TaskFailureDetails ToOurs(this Theirs.TaskFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure?.ToOurs());

    public static Ours.TaskFailedException ToOurs(this Theirs.TaskFailedException failed) =>
        new(failed.TaskName, failed.TaskId, failed.FailureDetails.ToOurs());

    public static Ours.OrchestrationRuntimeStatus ToOurs(this TheirsClient.OrchestrationRuntimeStatus status) => status switch
    {
        TheirsClient.OrchestrationRuntimeStatus.Pending => Ours.OrchestrationRuntimeStatus.Pending,
        TheirsClient.OrchestrationRuntimeStatus.Running => Ours.OrchestrationRuntimeStatus.Running,
        TheirsClient.OrchestrationRuntimeStatus.Suspended => Ours.OrchestrationRuntimeStatus.Suspended,
        TheirsClient.OrchestrationRuntimeStatus.Completed => Ours.OrchestrationRuntimeStatus.Completed,
        TheirsClient.OrchestrationRuntimeStatus.Failed => Ours.OrchestrationRuntimeStatus.Failed,
        _ => Ours.OrchestrationRuntimeStatus.Terminated,
    };

    public static TheirsClient.OrchestrationRuntimeStatus ToDurable(this Ours.OrchestrationRuntimeStatus status) => status switch
    {
        Ours.OrchestrationRuntimeStatus.Pending => TheirsClient.OrchestrationRuntimeStatus.Pending,
        Ours.OrchestrationRuntimeStatus.Running => TheirsClient.OrchestrationRuntimeStatus.Running,
        Ours.OrchestrationRuntimeStatus.Suspended => TheirsClient.OrchestrationRuntimeStatus.Suspended,
        Ours.OrchestrationRuntimeStatus.Completed => TheirsClient.OrchestrationRuntimeStatus.Completed,
        Ours.OrchestrationRuntimeStatus.Failed => TheirsClient.OrchestrationRuntimeStatus.Failed,
        _ => TheirsClient.OrchestrationRuntimeStatus.Terminated,
    };

    public static Ours.OrchestrationMetadata ToOurs(this TheirsClient.OrchestrationMetadata metadata) =>
        new(metadata.Name, metadata.InstanceId)
        {
            RuntimeStatus = metadata.RuntimeStatus.ToOurs(),
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            CompletedAt = metadata.RuntimeStatus is TheirsClient.OrchestrationRuntimeStatus.Completed
                or TheirsClient.OrchestrationRuntimeStatus.Failed
                or TheirsClient.OrchestrationRuntimeStatus.Terminated ? metadata.LastUpdatedAt : null,
            SerializedInput = metadata.SerializedInput,
            SerializedOutput = metadata.SerializedOutput,
            SerializedCustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = metadata.FailureDetails?.ToOurs(),
        };
}
