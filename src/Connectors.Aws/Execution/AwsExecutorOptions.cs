namespace Qlrf.Connectors.Aws.Execution;

/// <summary>
/// Settings of the AWS executor (<c>Qlrf:Executors:Aws</c>): how it waits for EC2's root-volume replacement tasks and SSM's
/// patch commands, and how it records the patch sets it applied. Credentials, regions, accounts and endpoints come from the
/// <c>aws</c> sources that discovered the assets.
/// </summary>
public sealed class AwsExecutorOptions
{
    /// <summary>How often a replace-root-volume task or a command invocation is polled. Default 15 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a root-volume replacement may take before the change fails. Default 30 minutes.</summary>
    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an <c>AWS-RunPatchBaseline</c> invocation may take before the change fails. Default 2 hours.</summary>
    public TimeSpan PatchTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Whether EC2 deletes the root volume it replaced. Default false: the old volume stays, detached, for forensics.</summary>
    public bool DeleteReplacedRootVolume { get; set; }

    /// <summary>The SSM document that installs a patch set. Default <c>AWS-RunPatchBaseline</c>.</summary>
    public string PatchDocument { get; set; } = "AWS-RunPatchBaseline";

    /// <summary>The instance tag prefix recording patch sets: <c>{prefix}{patch set id}</c> is the command id, then <c>applied</c>.</summary>
    public string PatchSetTagPrefix { get; set; } = "qlrf:patch-set:";

    /// <summary>How many times the SDK retries a throttled or failed call (RequestLimitExceeded, 5xx). Default 4.</summary>
    public int MaxErrorRetry { get; set; } = 4;
}
