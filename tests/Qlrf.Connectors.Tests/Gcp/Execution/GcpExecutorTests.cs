using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Connectors.Gcp.Execution;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Gcp.Execution;

public sealed class GcpExecutorTests
{
    private const string Key = "rollout-1/step-3";

    private static readonly string[] ChangeCalls =
    [
        "GET instances/web-1",
        "GET disks/web-1",
        "POST instances/web-1/stop",
        "GET disks/" + NewDisk,
        "GET images/ubuntu-2204-base-v20261103",
        "POST disks",
        "POST instances/web-1/detachDisk",
        "POST instances/web-1/attachDisk",
        "POST instances/web-1/start",
    ];

    private static string NewDisk => GcpExecutor.DiskName(FakeGcpCompute.Instance, Key, FakeGcpCompute.NewImage);

    private static GcpExecutor Executor(FakeGcpCompute compute, InstantTimeProvider time)
    {
        var prefix = "Qlrf:Discovery:Sources:GCP-Prod:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [prefix + "Kind"] = "gcp",
            [prefix + "Projects:0"] = FakeGcpCompute.Project,
            [prefix + "Endpoint"] = compute.BaseUrl + "/compute/v1/",
            [prefix + "Credentials:AccessTokenVariable"] = Support.Settings.Variable(GcpFixture.Token),
            ["Qlrf:Discovery:Sources:k8s:Kind"] = "kubernetes",
        }).Build();
        var options = Options.Create(new GcpExecutorOptions { PollInterval = TimeSpan.FromSeconds(3) });
        return new GcpExecutor(configuration, options, time, NullLogger<GcpExecutor>.Instance);
    }

    private static ImageChange Change(string? reference = FakeGcpCompute.NewImage, string asset = FakeGcpCompute.AssetId) =>
        new("acme", asset, "ubuntu-2204-base", "1.5.0", reference, Key);

    [Fact]
    public async Task Handles_the_assets_of_its_gcp_sources_only()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());

        Assert.True(executor.Handles("gcp-prod", Platform.Gcp));
        Assert.False(executor.Handles("gcp-prod", Platform.Aws));
        Assert.False(executor.Handles("k8s", Platform.Gcp));
    }

    [Fact]
    public async Task An_image_change_boots_the_instance_from_a_new_disk_of_the_image_and_keeps_the_old_one()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        var time = new InstantTimeProvider();
        using var executor = Executor(compute, time);
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyImageAsync(Change("https://www.googleapis.com/compute/v1/" + FakeGcpCompute.NewImage) with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        var steps = progress.Reports.GroupBy(r => r.Step).ToList();
        Assert.Equal(
            ["instances.stop", "disks.insert", "instances.detachDisk", "instances.attachDisk", "instances.start"],
            steps.Select(s => s.Key.Split(' ')[2]));
        Assert.All(steps, s => Assert.Equal(["PENDING 0%", "RUNNING 0%", "DONE 100%"], s.Select(r => r.State)));
        Assert.Equal(ChangeCalls, compute.Calls);
        Assert.Equal("RUNNING", compute.Status());
        var boot = Assert.Single(compute.Attached());
        Assert.Equal((NewDisk, true), (boot.Disk, boot.Boot));
        Assert.Equal(FakeGcpCompute.NewImage, compute.SourceImageOf(NewDisk));
        Assert.Equal(["web-1", NewDisk], compute.DiskNames);
        Assert.Equal(FakeGcpCompute.OldImage, compute.SourceImageOf("web-1"));
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(3), 5 * 2), time.Delays);
    }

    [Fact]
    public async Task A_retried_image_change_after_success_changes_nothing()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());
        await executor.ApplyImageAsync(Change(), CancellationToken.None);
        var before = compute.Calls.Count;

        var again = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.5.0"), again);
        Assert.Equal(["GET instances/web-1", "GET disks/" + NewDisk], compute.Calls.Skip(before));
        Assert.Equal("RUNNING", compute.Status());
    }

    [Fact]
    public async Task A_retry_after_a_crash_following_the_disk_insert_finishes_without_a_second_insert()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());
        compute.RejectOnce("instances.detachDisk");
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));
        Assert.Equal("TERMINATED", compute.Status());

        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        Assert.Single(compute.Calls, c => c == "POST disks");
        Assert.Single(compute.Calls, c => c == "POST instances/web-1/stop");
        Assert.Equal((NewDisk, true), (compute.Attached().Single().Disk, compute.Attached().Single().Boot));
        Assert.Equal("RUNNING", compute.Status());
    }

    [Fact]
    public async Task A_retry_after_a_crash_before_the_start_only_starts_the_instance()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());
        compute.RejectOnce("instances.start");
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));
        var before = compute.Calls.Count;

        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        Assert.Equal(["GET instances/web-1", "GET disks/" + NewDisk, "POST instances/web-1/start"], compute.Calls.Skip(before));
        Assert.Equal("RUNNING", compute.Status());
    }

    [Fact]
    public async Task An_operation_that_ends_in_error_fails_the_change_naming_the_asset_the_call_and_the_error()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());
        compute.FailOperation("disks.insert", "QUOTA_EXCEEDED", "Quota 'SSD_TOTAL_GB' exceeded. Limit: 500.0 in region europe-west1.");

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));

        Assert.Contains(FakeGcpCompute.AssetId, error.Message, StringComparison.Ordinal);
        Assert.Contains("disks.insert", error.Message, StringComparison.Ordinal);
        Assert.Contains("QUOTA_EXCEEDED: Quota 'SSD_TOTAL_GB' exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(["persistent-disk-0"], compute.Attached().Select(d => d.DeviceName));
    }

    [Fact]
    public async Task An_image_change_without_a_compute_image_reference_is_refused()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());

        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(reference: null), CancellationToken.None));
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(reference: "ubuntu-2204-base-v20261103"), CancellationToken.None));
        Assert.Empty(compute.Calls);
    }

    [Fact]
    public async Task An_instance_of_a_managed_instance_group_is_replaced_by_its_group_from_a_copy_of_its_template_on_the_image()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        compute.AddInstance("web-2", FakeGcpCompute.OldImage);
        compute.AddGroup(others: "web-2");
        using var executor = Executor(compute, new InstantTimeProvider());
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyImageAsync(Change() with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        var copy = $"projects/{FakeGcpCompute.Project}/global/instanceTemplates/{GcpExecutor.TemplateName(FakeGcpCompute.Template, FakeGcpCompute.NewImage)}";
        Assert.Equal([FakeGcpCompute.TemplatePath, copy], compute.TemplatePaths);
        Assert.Equal(FakeGcpCompute.NewImage, compute.TemplateImage(copy));
        Assert.Equal(copy, compute.GroupTemplate);
        Assert.Equal((FakeGcpCompute.NewImage, "RUNNING"), (compute.BootImageOf(FakeGcpCompute.Instance), compute.Status()));
        Assert.Equal((FakeGcpCompute.OldImage, "RUNNING"), (compute.BootImageOf("web-2"), compute.Status("web-2")));
        Assert.Equal(
            [
                "GET instances/web-1", "GET disks/web-1", "GET instanceGroupManagers/web-mig",
                "GET global/instanceTemplates/" + FakeGcpCompute.Template, "GET global/instanceTemplates/" + copy[(copy.LastIndexOf('/') + 1)..],
                "POST global/instanceTemplates", "PATCH instanceGroupManagers/web-mig", "POST instanceGroupManagers/web-mig/applyUpdatesToInstances",
                "POST instanceGroupManagers/web-mig/listManagedInstances", "POST instanceGroupManagers/web-mig/listManagedInstances",
            ],
            compute.Calls);
        Assert.Contains(progress.Reports, r => r.State == "RECREATING, instance STOPPING");
        Assert.Equal("NONE, instance RUNNING", progress.Reports.Last().State);
    }

    [Fact]
    public async Task A_retried_group_change_changes_nothing_and_the_next_instance_reuses_the_template_copy()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        compute.AddInstance("web-2", FakeGcpCompute.OldImage);
        compute.AddGroup(others: "web-2");
        using var executor = Executor(compute, new InstantTimeProvider());
        await executor.ApplyImageAsync(Change(), CancellationToken.None);
        var calls = compute.Calls.Count;

        var again = await executor.ApplyImageAsync(Change(), CancellationToken.None);
        var retried = compute.Calls.Skip(calls).ToList();
        var second = await executor.ApplyImageAsync(Change(asset: FakeGcpCompute.AssetId.Replace("/web-1", "/web-2", StringComparison.Ordinal)) with { IdempotencyKey = "rollout-9:web-2:apply" }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.5.0"), again);
        Assert.Equal(["GET instances/web-1", "GET disks/web-1"], retried);
        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), second);
        Assert.Equal(2, compute.TemplatePaths.Count);
        Assert.Single(compute.Calls, c => c == "POST global/instanceTemplates");
        Assert.Single(compute.Calls, c => c == "PATCH instanceGroupManagers/web-mig");
        Assert.Equal(FakeGcpCompute.NewImage, compute.BootImageOf("web-2"));
    }

    [Fact]
    public async Task A_group_whose_update_policy_is_proactive_is_refused_untouched()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        compute.AddGroup(policy: "PROACTIVE");
        using var executor = Executor(compute, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));

        Assert.Contains("instanceGroupManagers/web-mig", error.Message, StringComparison.Ordinal);
        Assert.Contains("PROACTIVE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(compute.Calls, c => !c.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Equal((FakeGcpCompute.TemplatePath, FakeGcpCompute.OldImage), (compute.GroupTemplate, compute.BootImageOf(FakeGcpCompute.Instance)));
    }

    [Fact]
    public async Task An_instance_of_a_project_no_source_reads_is_refused()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());

        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(
            Change(asset: "//compute.googleapis.com/projects/other/zones/europe-west1-b/instances/web-1"), CancellationToken.None));
        Assert.Empty(compute.Calls);
    }

    [Fact]
    public async Task Patch_sets_are_not_supported()
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());

        Assert.True(executor.Supports(ExecutorOperation.ApplyImage).IsSupported);
        Assert.Contains("OS Config patch jobs", executor.Supports(ExecutorOperation.ApplyPatchSet).Reason, StringComparison.Ordinal);
        Assert.False(executor.Supports(ExecutorOperation.RemovePatchSet).IsSupported);
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(
            new PatchSetChange("acme", FakeGcpCompute.AssetId, "ps-1", ["openssl"], false, "k"), CancellationToken.None));
    }

    [Theory]
    [InlineData("RUNNING", AssetHealth.Healthy, AssetState.Running)]
    [InlineData("STAGING", AssetHealth.Unknown, AssetState.Pending)]
    [InlineData("PROVISIONING", AssetHealth.Unknown, AssetState.Pending)]
    [InlineData("REPAIRING", AssetHealth.Degraded, AssetState.Running)]
    [InlineData("TERMINATED", AssetHealth.Unhealthy, AssetState.Stopped)]
    [InlineData("STOPPED", AssetHealth.Unhealthy, AssetState.Stopped)]
    [InlineData("SUSPENDED", AssetHealth.Unhealthy, AssetState.Stopped)]
    public async Task Health_comes_from_the_instance_status_with_the_version_of_its_boot_image(string status, AssetHealth health, AssetState state)
    {
        await using var compute = await FakeGcpCompute.StartAsync();
        using var executor = Executor(compute, new InstantTimeProvider());
        compute.SetStatus(status);

        var report = await executor.CheckHealthAsync("acme", FakeGcpCompute.AssetId, CancellationToken.None);

        Assert.Equal(new AssetHealthReport(FakeGcpCompute.AssetId, health, state, "1.4.0", $"instance status {status}"), report);
    }

    [Fact]
    public void Disk_names_and_request_ids_are_stable_per_step_and_within_compute_limits()
    {
        var name = GcpExecutor.DiskName(new string('a', 63), Key, FakeGcpCompute.NewImage);
        Assert.Equal(63, name.Length);
        Assert.Matches("^a+-qlrf-[0-9a-f]{8}$", name);
        Assert.Equal(NewDisk, GcpExecutor.DiskName(FakeGcpCompute.Instance, Key, FakeGcpCompute.NewImage));
        Assert.NotEqual(NewDisk, GcpExecutor.DiskName(FakeGcpCompute.Instance, "rollout-1/step-4", FakeGcpCompute.NewImage));
        var id = GcpExecutor.RequestId(Key, "disks.insert");
        Assert.Equal(id, GcpExecutor.RequestId(Key, "disks.insert"));
        Assert.NotEqual(id, GcpExecutor.RequestId(Key, "instances.stop"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
    }
}
