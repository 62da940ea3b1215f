using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Connectors.Aws.Execution;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Aws.Execution;

public sealed class AwsExecutorTests
{
    private const string NewAmi = "ami-0new000000000000";

    private static AwsExecutor Executor(FakeAwsPlatform aws, InstantTimeProvider time)
    {
        var prefix = "Qlrf:Discovery:Sources:AWS-Prod:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [prefix + "Kind"] = "aws",
            [prefix + "Regions:0"] = "eu-west-1",
            [prefix + "Endpoint"] = aws.BaseUrl + "/ec2/{region}/",
            [prefix + "SsmEndpoint"] = aws.BaseUrl + "/ssm/{region}/",
            [prefix + "Credentials:AccessKeyIdVariable"] = Support.Settings.Variable("AKIDEXAMPLE"),
            [prefix + "Credentials:SecretAccessKeyVariable"] = Support.Settings.Variable(AwsFixture.SecretKey),
            ["Qlrf:Discovery:Sources:k8s:Kind"] = "kubernetes",
        }).Build();
        var options = Options.Create(new AwsExecutorOptions { PollInterval = TimeSpan.FromSeconds(5), MaxErrorRetry = 2 });
        return new AwsExecutor(configuration, options, time, NullLogger<AwsExecutor>.Instance);
    }

    private static ImageChange Change(string key = "rollout-1/step-3", string? reference = NewAmi) =>
        new("acme", FakeAwsPlatform.Arn, "ubuntu-2204-base", "1.5.0", reference, key);

    private static PatchSetChange Patch(bool remove = false) =>
        new("acme", FakeAwsPlatform.Arn, "ps-2026-11", ["KB1", "KB2"], remove, "rollout-2/step-1");

    [Fact]
    public async Task Handles_the_assets_of_its_aws_sources_only()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());

        Assert.True(executor.Handles("aws-prod", Platform.Aws));
        Assert.False(executor.Handles("aws-prod", Platform.Azure));
        Assert.False(executor.Handles("k8s", Platform.Aws));
        Assert.False(executor.Handles("sandbox", Platform.Aws));
    }

    [Fact]
    public async Task An_image_change_replaces_the_root_volume_from_the_target_ami_and_waits_for_the_task()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        var time = new InstantTimeProvider();
        using var executor = Executor(aws, time);
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyImageAsync(Change() with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        Assert.Equal(3, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.StartsWith("EC2 replace-root-volume task ", r.Step, StringComparison.Ordinal));
        Assert.NotEqual("succeeded", progress.Reports.First().State);
        Assert.Equal("succeeded", progress.Reports.Last().State);
        var create = Assert.Single(aws.CallsOf("CreateReplaceRootVolumeTask"));
        Assert.Equal(FakeAwsPlatform.InstanceId, create["InstanceId"]);
        Assert.Equal(NewAmi, create["ImageId"]);
        Assert.Equal("false", create["DeleteReplacedRootVolume"]);
        Assert.StartsWith("qlrf-", create["ClientToken"], StringComparison.Ordinal);
        Assert.InRange(create["ClientToken"].Length, 1, 64);
        Assert.Equal(2, aws.CallsOf("DescribeReplaceRootVolumeTasks").Count());
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], time.Delays);
        Assert.Equal(NewAmi, aws.ImageId);
    }

    [Fact]
    public async Task A_retried_image_change_changes_nothing_more()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());
        await executor.ApplyImageAsync(Change(), CancellationToken.None);

        var again = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.5.0"), again);
        Assert.Single(aws.CallsOf("CreateReplaceRootVolumeTask"));
    }

    [Fact]
    public async Task A_retry_while_the_task_runs_sends_the_same_client_token_and_joins_the_same_task()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.TaskStates = ["pending", "in-progress"];
        using var executor = Executor(aws, new InstantTimeProvider());
        using var cancel = new CancellationTokenSource();

        // The first attempt is cancelled (the activity timed out) while the task is still running.
        var first = executor.ApplyImageAsync(Change(), cancel.Token);
        await WaitUntilAsync(() => aws.CallsOf("DescribeReplaceRootVolumeTasks").Any());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        aws.FinishTasks("succeeded");
        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.True(outcome.Changed);
        var creates = aws.CallsOf("CreateReplaceRootVolumeTask").ToList();
        Assert.Equal(2, creates.Count);
        Assert.Equal(creates[0]["ClientToken"], creates[1]["ClientToken"]);
        Assert.Single(aws.CallsOf("DescribeReplaceRootVolumeTasks").Select(p => p["ReplaceRootVolumeTaskId.1"]).Distinct());
        Assert.NotEqual(creates[0]["ClientToken"], AwsExecutor.ClientToken("rollout-1/step-4", NewAmi));
    }

    [Fact]
    public async Task A_failed_task_fails_the_change_naming_the_task_the_call_and_the_state()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.TaskStates = ["pending", "failing", "failed"];
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));

        Assert.Contains("replacevol-00000000000000001", error.Message, StringComparison.Ordinal);
        Assert.Contains("CreateReplaceRootVolumeTask", error.Message, StringComparison.Ordinal);
        Assert.Contains("ended failed", error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeAwsPlatform.Arn, error.Message, StringComparison.Ordinal);
        Assert.Equal("ami-0abcdef1234567890", aws.ImageId);
    }

    [Fact]
    public async Task A_golden_version_without_an_ami_reference_is_refused_before_any_call()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(reference: null), CancellationToken.None));

        Assert.Contains("has no AMI reference", error.Message, StringComparison.Ordinal);
        Assert.Empty(aws.Calls);
    }

    [Fact]
    public async Task Throttling_is_retried_by_the_sdk()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.Errors["DescribeInstances"] = new Queue<(int, string)>([(503, "RequestLimitExceeded"), (503, "RequestLimitExceeded")]);
        using var executor = Executor(aws, new InstantTimeProvider());

        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Equal(3, aws.CallsOf("DescribeInstances").Count());
    }

    [Fact]
    public async Task Throttling_past_the_retries_fails_with_the_ec2_error_code()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.Errors["CreateReplaceRootVolumeTask"] = new Queue<(int, string)>(Enumerable.Repeat((503, "RequestLimitExceeded"), 3));
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));

        Assert.StartsWith($"CreateReplaceRootVolumeTask for '{FakeAwsPlatform.Arn}' failed: HTTP 503 RequestLimitExceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, aws.CallsOf("CreateReplaceRootVolumeTask").Count());
    }

    [Fact]
    public async Task A_patch_set_runs_the_patch_baseline_through_ssm_and_is_recorded_on_the_instance()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyPatchSetAsync(Patch() with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.4.0"), outcome);
        Assert.Equal(3, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.StartsWith("SSM command ", r.Step, StringComparison.Ordinal));
        Assert.Equal("Success", progress.Reports.Last().State);
        var send = Assert.Single(aws.CallsOf("SendCommand"));
        Assert.Equal("\"AWS-RunPatchBaseline\"", send["DocumentName"]);
        Assert.Equal($"[\"{FakeAwsPlatform.InstanceId}\"]", send["InstanceIds"]);
        Assert.Equal("{\"Operation\":[\"Install\"]}", send["Parameters"]);
        Assert.Equal(3, aws.CallsOf("GetCommandInvocation").Count());
        Assert.Equal("applied", aws.Tags["qlrf:patch-set:ps-2026-11"]);
        Assert.Equal(2, aws.CallsOf("CreateTags").Count());
    }

    [Fact]
    public async Task A_retried_patch_set_changes_nothing_more()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());
        await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        var again = await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.4.0"), again);
        Assert.Single(aws.CallsOf("SendCommand"));
    }

    [Fact]
    public async Task A_retry_while_the_command_runs_waits_for_it_instead_of_sending_another()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.Tags["qlrf:patch-set:ps-2026-11"] = "0b5ab37a-6b5e-4f0e-9c1c-example";
        aws.RunningCommand("0b5ab37a-6b5e-4f0e-9c1c-example", "InProgress", "InProgress", "Success");
        using var executor = Executor(aws, new InstantTimeProvider());

        var outcome = await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Empty(aws.CallsOf("SendCommand"));
        Assert.Equal("applied", aws.Tags["qlrf:patch-set:ps-2026-11"]);
    }

    [Fact]
    public async Task A_failed_command_fails_the_patch_set_naming_the_command_and_its_status()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.CommandStatuses = ["InProgress", "Failed"];
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(Patch(), CancellationToken.None));

        var commandId = aws.Tags["qlrf:patch-set:ps-2026-11"];
        Assert.Contains($"SSM command {commandId} (AWS-RunPatchBaseline, SendCommand) on '{FakeAwsPlatform.Arn}' ended Failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to install package: kernel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_patch_set_is_refused_because_the_baseline_cannot_uninstall()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(Patch(remove: true), CancellationToken.None));

        Assert.Contains("cannot uninstall", error.Message, StringComparison.Ordinal);
        Assert.Empty(aws.Calls);
    }

    [Theory]
    [InlineData("ok", "ok", AssetHealth.Healthy)]
    [InlineData("impaired", "ok", AssetHealth.Unhealthy)]
    [InlineData("ok", "impaired", AssetHealth.Unhealthy)]
    [InlineData("initializing", "ok", AssetHealth.Unknown)]
    [InlineData("insufficient-data", "insufficient-data", AssetHealth.Unknown)]
    public async Task Health_comes_from_the_instance_and_system_status_checks(string instance, string system, AssetHealth expected)
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        aws.Status = (instance, system);
        using var executor = Executor(aws, new InstantTimeProvider());

        var report = await executor.CheckHealthAsync("acme", FakeAwsPlatform.Arn, CancellationToken.None);

        Assert.Equal(new AssetHealthReport(FakeAwsPlatform.Arn, expected, AssetState.Running, "1.4.0", $"instance status {instance}, system status {system}"), report);
        Assert.Equal("true", Assert.Single(aws.CallsOf("DescribeInstanceStatus"))["IncludeAllInstances"]);
    }

    [Fact]
    public async Task An_instance_outside_every_source_is_refused()
    {
        await using var aws = await FakeAwsPlatform.StartAsync();
        using var executor = Executor(aws, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.CheckHealthAsync("acme", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", CancellationToken.None));

        Assert.Contains("No aws source of this host reads account 123456789012 in us-east-1", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
