using System.Security.Cryptography;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>
/// Changes EC2 instances discovered by the host's <c>aws</c> sources, with their credentials and endpoints. An image change
/// replaces the instance's root volume from the target AMI (<c>CreateReplaceRootVolumeTask</c>, the step's idempotency key
/// as client token) and waits for the task; a patch set runs <c>AWS-RunPatchBaseline</c> through SSM and waits for the
/// invocation, recording it as an instance tag; health comes from <c>DescribeInstanceStatus</c>. Each change reads the
/// instance first, so a retried activity changes nothing more.
/// </summary>
public sealed class AwsExecutor : IPlatformExecutor, IDisposable
{
    /// <summary>EC2's limit on a client token's length.</summary>
    internal const int ClientTokenLength = 64;

    private readonly IReadOnlyList<AwsExecutorSource> sources;
    private readonly AwsExecutorOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly AwsPatchCommands patches;

    public AwsExecutor(IConfiguration configuration, IOptions<AwsExecutorOptions> options, TimeProvider time, ILogger<AwsExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        sources = configuration.GetSection("Qlrf:Discovery:Sources").GetChildren()
            .Where(s => string.Equals(s["Kind"], "aws", StringComparison.OrdinalIgnoreCase) && s.GetValue("Enabled", true))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => new AwsExecutorSource(s.Key.ToLowerInvariant(), s.Get<AwsSourceOptions>() ?? new AwsSourceOptions(), s.Path, this.options, time))
            .ToList();
        patches = new AwsPatchCommands(this.options, time, logger);
    }

    public bool Handles(string source, Platform platform) =>
        platform == Platform.Aws && sources.Any(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase));

    /// <summary>Patch sets install through the patch baseline, which cannot uninstall: a patch-set rollout could not roll back.</summary>
    public ExecutorSupport Supports(ExecutorOperation operation) => operation == ExecutorOperation.RemovePatchSet
        ? ExecutorSupport.Unsupported($"on AWS a patch set installs through {options.PatchDocument}, which cannot uninstall it, so a patch-set rollout could not roll back; roll out a patched image instead")
        : ExecutorSupport.Supported;

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ami = AmiOf(change.Reference)
            ?? throw new ExecutorException($"Golden image {change.Family} {change.ToVersion} has no AMI reference, so '{change.AssetId}' cannot be moved to it.");
        var (source, arn) = Locate(change.AssetId);
        var ec2 = source.ClientsFor(arn).Ec2;
        var instance = await AwsCalls.DescribeInstanceAsync(ec2, change.AssetId, arn, cancellationToken);
        if (instance.ImageId == ami)
        {
            AwsLogs.AlreadyOnImage(logger, change.AssetId, ami);
            return new ExecutionOutcome(Changed: false, change.ToVersion);
        }

        var created = await AwsCalls.RunAsync(change.AssetId, "CreateReplaceRootVolumeTask", () => ec2.CreateReplaceRootVolumeTaskAsync(
            new CreateReplaceRootVolumeTaskRequest
            {
                InstanceId = arn.InstanceId,
                ImageId = ami,
                ClientToken = ClientToken(change.IdempotencyKey, ami),
                DeleteReplacedRootVolume = options.DeleteReplacedRootVolume,
            },
            cancellationToken));
        var task = created.ReplaceRootVolumeTask
            ?? throw new ExecutorException($"CreateReplaceRootVolumeTask for '{change.AssetId}' returned no task.");
        AwsLogs.ReplacingRootVolume(logger, change.AssetId, ami, task.ReplaceRootVolumeTaskId, task.TaskState?.Value ?? "unknown");
        await WaitForTaskAsync(ec2, change.AssetId, ami, task, change.Progress, cancellationToken);
        return new ExecutionOutcome(Changed: true, change.ToVersion);
    }

    public async Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Remove)
        {
            throw new ExecutorException(
                $"Patch set {change.PatchSetId} cannot be removed from '{change.AssetId}': {options.PatchDocument} installs patches and cannot uninstall them; move the instance back to its image instead.");
        }

        var (source, arn) = Locate(change.AssetId);
        var (ec2, ssm) = source.ClientsFor(arn);
        var instance = await AwsCalls.DescribeInstanceAsync(ec2, change.AssetId, arn, cancellationToken);
        var version = await AwsCalls.VersionAsync(ec2, source, change.AssetId, instance, cancellationToken)
            ?? throw new ExecutorException($"'{change.AssetId}' runs no AMI, so no patch set applies to it.");
        var changed = await patches.ApplyAsync(ec2, ssm, change, arn, instance, cancellationToken);
        return new ExecutionOutcome(changed, version);
    }

    public async Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var (source, arn) = Locate(assetId);
        var ec2 = source.ClientsFor(arn).Ec2;
        var response = await AwsCalls.RunAsync(assetId, "DescribeInstanceStatus", () => ec2.DescribeInstanceStatusAsync(
            new DescribeInstanceStatusRequest { InstanceIds = [arn.InstanceId], IncludeAllInstances = true },
            cancellationToken));
        var status = response.InstanceStatuses?.FirstOrDefault(s => s.InstanceId == arn.InstanceId)
            ?? throw new ExecutorException($"DescribeInstanceStatus for '{assetId}' found no instance {arn.InstanceId} in {arn.Region}.");
        var instance = await AwsCalls.DescribeInstanceAsync(ec2, assetId, arn, cancellationToken);
        var version = await AwsCalls.VersionAsync(ec2, source, assetId, instance, cancellationToken);
        var (health, detail) = AwsInstanceHealth.Of(status);
        return new AssetHealthReport(assetId, health, Ec2AssetMapper.State(status.InstanceState?.Name?.Value ?? string.Empty), version, detail);
    }

    private async Task WaitForTaskAsync(
        AmazonEC2Client ec2, string assetId, string ami, ReplaceRootVolumeTask task, IExecutorProgress? progress, CancellationToken cancellationToken)
    {
        var id = task.ReplaceRootVolumeTaskId;
        var deadline = time.GetUtcNow() + options.ImageTimeout;
        while (true)
        {
            var state = task.TaskState?.Value;
            await progress.ReportAsync($"EC2 replace-root-volume task {id} from {ami}", state ?? "unknown", cancellationToken);
            if (state == ReplaceRootVolumeTaskState.Succeeded)
            {
                return;
            }

            if (state == ReplaceRootVolumeTaskState.Failed || state == ReplaceRootVolumeTaskState.FailedDetached)
            {
                throw new ExecutorException($"EC2 replace-root-volume task {id} (CreateReplaceRootVolumeTask from {ami}) for '{assetId}' ended {state}.");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ExecutorException($"EC2 replace-root-volume task {id} (CreateReplaceRootVolumeTask from {ami}) for '{assetId}' is still {state} after {options.ImageTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
            var described = await AwsCalls.RunAsync(assetId, "DescribeReplaceRootVolumeTasks", () => ec2.DescribeReplaceRootVolumeTasksAsync(
                new DescribeReplaceRootVolumeTasksRequest { ReplaceRootVolumeTaskIds = [id] },
                cancellationToken));
            task = described.ReplaceRootVolumeTasks?.FirstOrDefault(t => t.ReplaceRootVolumeTaskId == id)
                ?? throw new ExecutorException($"DescribeReplaceRootVolumeTasks for '{assetId}' no longer knows task {id}.");
        }
    }

    private (AwsExecutorSource Source, AwsInstanceArn Arn) Locate(string assetId)
    {
        var arn = AwsInstanceArn.Parse(assetId);
        var source = sources.FirstOrDefault(s => s.Covers(arn))
            ?? throw new ExecutorException($"No aws source of this host reads account {arn.Account} in {arn.Region}, so '{assetId}' cannot be changed.");
        return (source, arn);
    }

    /// <summary>The AMI id of a golden image reference: <c>ami-...</c>, or an image ARN ending in it.</summary>
    internal static string? AmiOf(string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? null
        : reference.LastIndexOf("image/", StringComparison.Ordinal) is var at and >= 0 ? reference[(at + "image/".Length)..]
        : reference.Trim();

    /// <summary>
    /// The client token of a root-volume replacement: derived from the step's idempotency key and the AMI, so a retried step
    /// gets EC2's answer for the task it started instead of a second task, and within EC2's 64 characters.
    /// </summary>
    internal static string ClientToken(string idempotencyKey, string ami)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey + "\n" + ami)));
        return "qlrf-" + hash[..(ClientTokenLength - "qlrf-".Length)];
    }

    public void Dispose()
    {
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }
}
