using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Tag = Amazon.EC2.Model.Tag;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>
/// Installs a patch set on an instance with <c>AWS-RunPatchBaseline</c> (Operation=Install) through SSM. The instance tag
/// <c>{prefix}{patch set id}</c> records the command while it runs and <c>applied</c> once it succeeded, so a retried
/// step waits for the command already sent, or does nothing at all, instead of sending another.
/// </summary>
internal sealed class AwsPatchCommands(AwsExecutorOptions options, TimeProvider time, ILogger logger)
{
    public const string Applied = "applied";

    /// <summary>Applies the patch set; says whether anything changed.</summary>
    public async Task<bool> ApplyAsync(
        AmazonEC2Client ec2, AmazonSimpleSystemsManagementClient ssm, PatchSetChange change, AwsInstanceArn arn, Instance instance, CancellationToken cancellationToken)
    {
        var tag = options.PatchSetTagPrefix + change.PatchSetId;
        var recorded = AwsCalls.Tag(instance, tag);
        if (recorded == Applied)
        {
            AwsLogs.AlreadyPatched(logger, change.AssetId, change.PatchSetId);
            return false;
        }

        var commandId = recorded is { Length: > 0 } ? await ResumableAsync(ssm, change, arn, recorded, cancellationToken) : null;
        if (commandId is null)
        {
            var sent = await AwsCalls.RunAsync(change.AssetId, "SendCommand " + options.PatchDocument, () => ssm.SendCommandAsync(
                new SendCommandRequest
                {
                    DocumentName = options.PatchDocument,
                    InstanceIds = [arn.InstanceId],
                    Parameters = new Dictionary<string, List<string>> { ["Operation"] = ["Install"] },
                    Comment = Truncate($"QL-RF patch set {change.PatchSetId} ({change.IdempotencyKey})", 100),
                },
                cancellationToken));
            commandId = sent.Command?.CommandId
                ?? throw new ExecutorException($"SendCommand {options.PatchDocument} for '{change.AssetId}' returned no command id.");
            AwsLogs.PatchCommandSent(logger, change.PatchSetId, change.AssetId, options.PatchDocument, commandId);
            await TagAsync(ec2, change.AssetId, arn, tag, commandId, cancellationToken);
        }

        await WaitAsync(ssm, change.AssetId, arn, commandId, change.Progress, cancellationToken);
        await TagAsync(ec2, change.AssetId, arn, tag, Applied, cancellationToken);
        return true;
    }

    /// <summary>The command an earlier attempt sent, when it is still running or has succeeded; null when it ended otherwise.</summary>
    private async Task<string?> ResumableAsync(AmazonSimpleSystemsManagementClient ssm, PatchSetChange change, AwsInstanceArn arn, string commandId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(ssm, change.AssetId, arn, commandId, cancellationToken);
        var running = status is null || status.Status == CommandInvocationStatus.Success || !IsFinished(status.Status);
        if (running)
        {
            AwsLogs.PatchCommandResumed(logger, change.PatchSetId, change.AssetId, commandId, status?.Status?.Value ?? "Pending");
        }

        return running ? commandId : null;
    }

    private async Task WaitAsync(
        AmazonSimpleSystemsManagementClient ssm, string assetId, AwsInstanceArn arn, string commandId, IExecutorProgress? progress, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.PatchTimeout;
        while (true)
        {
            var invocation = await StatusAsync(ssm, assetId, arn, commandId, cancellationToken);
            var status = invocation?.Status;
            await progress.ReportAsync($"SSM command {commandId} ({options.PatchDocument})", status?.Value ?? "Pending", cancellationToken);
            if (status == CommandInvocationStatus.Success)
            {
                return;
            }

            if (invocation is not null && IsFinished(status))
            {
                var error = string.IsNullOrWhiteSpace(invocation.StandardErrorContent) ? string.Empty : ": " + Truncate(invocation.StandardErrorContent.Trim(), 500);
                throw new ExecutorException(
                    $"SSM command {commandId} ({options.PatchDocument}, SendCommand) on '{assetId}' ended {status?.Value} ({invocation.StatusDetails}){error}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ExecutorException($"SSM command {commandId} ({options.PatchDocument}, SendCommand) on '{assetId}' is still {status?.Value ?? "Pending"} after {options.PatchTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>The invocation on the instance; null while SSM does not know it yet (just after SendCommand).</summary>
    private static async Task<GetCommandInvocationResponse?> StatusAsync(
        AmazonSimpleSystemsManagementClient ssm, string assetId, AwsInstanceArn arn, string commandId, CancellationToken cancellationToken)
    {
        try
        {
            return await ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = arn.InstanceId }, cancellationToken);
        }
        catch (InvocationDoesNotExistException)
        {
            return null;
        }
        catch (AmazonSimpleSystemsManagementException ex)
        {
            throw new ExecutorException($"GetCommandInvocation of command {commandId} for '{assetId}' failed: HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}", ex);
        }
    }

    private static bool IsFinished(CommandInvocationStatus? status) =>
        status == CommandInvocationStatus.Success || status == CommandInvocationStatus.Failed
        || status == CommandInvocationStatus.TimedOut || status == CommandInvocationStatus.Cancelled;

    private static Task<CreateTagsResponse> TagAsync(AmazonEC2Client ec2, string assetId, AwsInstanceArn arn, string key, string value, CancellationToken cancellationToken) =>
        AwsCalls.RunAsync(assetId, "CreateTags", () => ec2.CreateTagsAsync(
            new CreateTagsRequest { Resources = [arn.InstanceId], Tags = [new Tag(key, value)] },
            cancellationToken));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
