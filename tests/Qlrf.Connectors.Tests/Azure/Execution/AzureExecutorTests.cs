using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Connectors.Azure.Execution;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Azure.Execution;

public sealed class AzureExecutorTests : IDisposable
{
    private readonly LoopbackCertificate certificate = new();

    private AzureExecutor Executor(FakeArmPlatform arm, InstantTimeProvider time)
    {
        var values = new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:Azure-Prod:Kind"] = "azure",
            ["Qlrf:Discovery:Sources:Azure-Prod:Endpoint"] = arm.BaseUrl + "/",
            ["Qlrf:Discovery:Sources:Azure-Prod:CaCertificateFile"] = certificate.PemFile,
            ["Qlrf:Discovery:Sources:Azure-Prod:Credentials:AccessTokenVariable"] = Support.Settings.Variable(AzureFixture.Token),
            ["Qlrf:Discovery:Sources:Azure-Prod:Subscriptions:0"] = FakeArmPlatform.Subscription,
            ["Qlrf:Discovery:Sources:aws:Kind"] = "aws",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = Options.Create(new AzureExecutorOptions { PollInterval = TimeSpan.Zero });
        return new AzureExecutor(configuration, options, time, NullLogger<AzureExecutor>.Instance);
    }

    private static ImageChange Change(string? reference = FakeArmPlatform.NewImage, string? assetId = null) =>
        new("acme", assetId ?? FakeArmPlatform.Instance, "ubuntu-2204-base", "1.5.0", reference, "rollout-1/step-3");

    private static PatchSetChange Patch(string? assetId = null, bool remove = false) =>
        new("acme", assetId ?? FakeArmPlatform.Vm, "ps-2026-11", ["KB5031356", "KB5031364"], remove, "rollout-2/step-1");

    [Fact]
    public async Task Handles_the_assets_of_its_azure_sources_only()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());

        Assert.True(executor.Handles("azure-prod", Platform.Azure));
        Assert.False(executor.Handles("azure-prod", Platform.Aws));
        Assert.False(executor.Handles("aws", Platform.Azure));
        Assert.False(executor.Supports(ExecutorOperation.RemovePatchSet).IsSupported);
        Assert.Contains("install-patches", executor.Supports(ExecutorOperation.RemovePatchSet).Reason, StringComparison.Ordinal);
        Assert.True(executor.Supports(ExecutorOperation.ApplyImage).IsSupported);
    }

    [Fact]
    public async Task Per_asset_an_image_change_suits_scale_set_instances_and_a_patch_set_suits_vms()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        IPlatformExecutor executor = Executor(arm, new InstantTimeProvider());

        Assert.True(executor.Supports(ExecutorOperation.ApplyImage, FakeArmPlatform.Instance).IsSupported);
        Assert.Contains("standalone VM's OS disk", executor.Supports(ExecutorOperation.ApplyImage, FakeArmPlatform.Vm).Reason, StringComparison.Ordinal);
        Assert.True(executor.Supports(ExecutorOperation.ApplyPatchSet, FakeArmPlatform.Vm).IsSupported);
        Assert.Contains("scale-set instances do not have", executor.Supports(ExecutorOperation.ApplyPatchSet, FakeArmPlatform.Instance).Reason, StringComparison.Ordinal);
        Assert.False(executor.Supports(ExecutorOperation.RemovePatchSet, FakeArmPlatform.Vm).IsSupported);
        Assert.False(executor.Supports(ExecutorOperation.ApplyImage, "not-an-azure-id").IsSupported);
        ((IDisposable)executor).Dispose();
    }

    [Fact]
    public async Task An_image_change_sets_the_scale_set_model_and_upgrades_the_instance()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());
        var progress = new RecordingProgress();

        var outcome = await executor.ApplyImageAsync(Change() with { Progress = progress }, CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.5.0"), outcome);
        Assert.Equal(["Azure Update scale set (image reference)", "Azure UpdateInstances (manual upgrade)"], progress.Reports.Select(r => r.Step).Distinct());
        Assert.All(progress.Reports.GroupBy(r => r.Step), step =>
        {
            Assert.NotEqual("Succeeded", step.First().State);
            Assert.Equal("Succeeded", step.Last().State);
        });
        var update = Assert.Single(arm.CallsOf("PATCH scaleset"));
        Assert.Equal(FakeArmPlatform.NewImage, (string?)update!["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["id"]);
        var upgrade = Assert.Single(arm.CallsOf("POST manualupgrade"));
        Assert.Equal("[\"1\"]", upgrade!["instanceIds"]!.ToJsonString());
        Assert.Equal(FakeArmPlatform.NewImage, arm.ModelImage);
        Assert.Equal(FakeArmPlatform.NewImage, arm.InstanceImage);
        Assert.Equal(2, arm.CallsOf("GET operation").Count());
    }

    [Fact]
    public async Task A_retried_image_change_changes_nothing_more()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());
        await executor.ApplyImageAsync(Change(), CancellationToken.None);

        var again = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.5.0"), again);
        Assert.Single(arm.CallsOf("PATCH scaleset"));
        Assert.Single(arm.CallsOf("POST manualupgrade"));
    }

    [Fact]
    public async Task A_retry_after_the_model_was_updated_only_upgrades_the_instance()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.ModelImage = FakeArmPlatform.NewImage;
        using var executor = Executor(arm, new InstantTimeProvider());

        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Empty(arm.CallsOf("PATCH scaleset"));
        Assert.Single(arm.CallsOf("POST manualupgrade"));
        Assert.Equal(FakeArmPlatform.NewImage, arm.InstanceImage);
    }

    [Fact]
    public async Task A_failed_upgrade_fails_the_change_naming_the_asset_the_operation_and_azures_error()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.ModelImage = FakeArmPlatform.NewImage;
        arm.OperationStatuses = ["InProgress", "Failed"];
        using var executor = Executor(arm, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(), CancellationToken.None));

        Assert.Contains(FakeArmPlatform.Instance, error.Message, StringComparison.Ordinal);
        Assert.Contains("UpdateInstances", error.Message, StringComparison.Ordinal);
        Assert.Contains("OSProvisioningTimedOut", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish in the allotted time", error.Message, StringComparison.Ordinal);
        Assert.Equal(FakeArmPlatform.OldImage, arm.InstanceImage);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_retry_after_azure_asks_for()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.Throttles["POST manualupgrade"] = new Queue<int>([7]);
        arm.Throttles["GET instance"] = new Queue<int>([3]);
        var time = new InstantTimeProvider();
        using var executor = Executor(arm, time);

        var outcome = await executor.ApplyImageAsync(Change(), CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Equal(2, arm.CallsOf("POST manualupgrade").Count());
        Assert.Equal(2, arm.CallsOf("GET instance").Count());
        Assert.Contains(TimeSpan.FromSeconds(7), time.Delays);
        Assert.Contains(TimeSpan.FromSeconds(3), time.Delays);
        Assert.Equal(FakeArmPlatform.NewImage, arm.InstanceImage);
    }

    [Fact]
    public async Task A_golden_version_without_an_image_reference_is_refused_before_any_call()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(reference: null), CancellationToken.None));

        Assert.Contains("has no image reference", error.Message, StringComparison.Ordinal);
        Assert.Empty(arm.Calls);
    }

    [Fact]
    public async Task A_standalone_vm_image_change_is_refused_as_unsupported()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change(assetId: FakeArmPlatform.Vm), CancellationToken.None));

        Assert.Contains("standalone VM", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.Empty(arm.Calls);
    }

    [Fact]
    public async Task A_patch_set_runs_install_patches_and_is_recorded_as_a_vm_tag()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.OsType = "Windows";
        using var executor = Executor(arm, new InstantTimeProvider());

        var outcome = await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: true, "1.4.0"), outcome);
        var install = Assert.Single(arm.CallsOf("POST installpatches"))!;
        Assert.Equal("IfRequired", (string?)install["rebootSetting"]);
        Assert.Equal("PT2H", (string?)install["maximumDuration"]);
        Assert.Equal("[\"Critical\",\"Security\"]", install["windowsParameters"]!["classificationsToInclude"]!.ToJsonString());
        Assert.Equal("[\"5031356\",\"5031364\"]", install["windowsParameters"]!["kbNumbersToInclude"]!.ToJsonString());
        Assert.Equal("applied", arm.VmTags["qlrf-patch-set-ps-2026-11"]);
        Assert.Equal("prod", arm.VmTags["environment"]);
    }

    [Fact]
    public async Task A_retried_patch_set_changes_nothing_more()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());
        await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        var again = await executor.ApplyPatchSetAsync(Patch(), CancellationToken.None);

        Assert.Equal(new ExecutionOutcome(Changed: false, "1.4.0"), again);
        Assert.Single(arm.CallsOf("POST installpatches"));
        Assert.Single(arm.CallsOf("PATCH vm"));
    }

    [Fact]
    public async Task Failed_patches_fail_the_change_and_leave_no_tag()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.PatchResult = ("CompletedWithWarnings", 1, 2);
        using var executor = Executor(arm, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(Patch(), CancellationToken.None));

        Assert.Contains("InstallPatches", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 patches failed", error.Message, StringComparison.Ordinal);
        Assert.False(arm.VmTags.ContainsKey("qlrf-patch-set-ps-2026-11"));
    }

    [Fact]
    public async Task Patch_sets_on_scale_set_instances_and_removals_are_refused()
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        using var executor = Executor(arm, new InstantTimeProvider());

        var instance = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(Patch(FakeArmPlatform.Instance), CancellationToken.None));
        var removal = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(Patch(remove: true), CancellationToken.None));

        Assert.Contains("scale-set instances", instance.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be removed", removal.Message, StringComparison.Ordinal);
        Assert.Empty(arm.Calls);
    }

    [Theory]
    [InlineData("PowerState/running", "ProvisioningState/succeeded", "Ready", null, AssetHealth.Healthy, AssetState.Running)]
    [InlineData("PowerState/running", "ProvisioningState/succeeded", "Not Ready", null, AssetHealth.Degraded, AssetState.Running)]
    [InlineData("PowerState/running", "ProvisioningState/succeeded", "Ready", "HealthState/unhealthy", AssetHealth.Unhealthy, AssetState.Running)]
    [InlineData("PowerState/running", "ProvisioningState/failed/OSProvisioningTimedOut", "Ready", null, AssetHealth.Unhealthy, AssetState.Running)]
    [InlineData("PowerState/deallocated", "ProvisioningState/succeeded", null, null, AssetHealth.Unknown, AssetState.Stopped)]
    [InlineData("PowerState/starting", "ProvisioningState/updating", null, null, AssetHealth.Unknown, AssetState.Pending)]
    public async Task Health_comes_from_the_instance_view(string power, string provisioning, string? agent, string? healthState, AssetHealth health, AssetState state)
    {
        await using var arm = await FakeArmPlatform.StartAsync(certificate);
        arm.Statuses = [provisioning, power];
        (arm.AgentStatus, arm.HealthState) = (agent, healthState);
        using var executor = Executor(arm, new InstantTimeProvider());

        var vm = await executor.CheckHealthAsync("acme", FakeArmPlatform.Vm, CancellationToken.None);
        var instance = await executor.CheckHealthAsync("acme", FakeArmPlatform.Instance, CancellationToken.None);

        Assert.Equal((health, state, "1.4.0"), (vm.Health, vm.State, vm.Version));
        Assert.Equal((health, state, "1.4.0"), (instance.Health, instance.State, instance.Version));
        Assert.Contains(power, vm.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => certificate.Dispose();
}
