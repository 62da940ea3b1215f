using Azure;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// Changes the VMs and scale-set instances discovered by the host's <c>azure</c> sources, with their ARM clients (credential,
/// endpoint, CA, retries). An image change on a scale-set instance sets the scale set model's image reference to the target
/// (when it differs) and runs the instance's manual upgrade; a standalone VM's image change is refused (its OS disk swap is
/// not supported). A patch set runs the VM's install-patches operation and is recorded as a VM tag. Health comes from the
/// instance view. Long-running operations are polled by the SDK to their end; each change reads the asset first, so a retried
/// activity changes nothing more.
/// </summary>
public sealed class AzureExecutor : IPlatformExecutor, IDisposable
{
    private static readonly char[] TagNameForbidden = ['<', '>', '%', '&', '\\', '?', '/'];

    private const string StandaloneImageReason =
        "on Azure QL-RF changes the image of scale-set instances only; swapping a standalone VM's OS disk is not supported, so rebuild the VM from the new image or put it in a scale set";

    private const string ScaleSetPatchReason =
        "on Azure a patch set runs the VM's install-patches operation, which uniform scale-set instances do not have; roll out a patched image to the scale set instead";

    private readonly IReadOnlyList<AzureExecutorSource> sources;
    private readonly AzureExecutorOptions options;
    private readonly ILogger logger;

    public AzureExecutor(IConfiguration configuration, IOptions<AzureExecutorOptions> options, TimeProvider time, ILogger<AzureExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
        sources = configuration.GetSection("Qlrf:Discovery:Sources").GetChildren()
            .Where(s => string.Equals(s["Kind"], "azure", StringComparison.OrdinalIgnoreCase) && s.GetValue("Enabled", true))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => new AzureExecutorSource(s.Key.ToLowerInvariant(), s.Get<AzureSourceOptions>() ?? new AzureSourceOptions(), s.Path, time, logger))
            .ToList();
    }

    public bool Handles(string source, Platform platform) =>
        platform == Platform.Azure && sources.Any(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase));

    /// <summary>Install-patches cannot uninstall: a patch-set rollout could not roll back.</summary>
    public ExecutorSupport Supports(ExecutorOperation operation) => operation == ExecutorOperation.RemovePatchSet
        ? ExecutorSupport.Unsupported("on Azure a patch set installs through the VM's install-patches operation, which cannot uninstall it, so a patch-set rollout could not roll back; roll out a patched image instead")
        : ExecutorSupport.Supported;

    /// <summary>
    /// Per asset: an image change only on scale-set instances (a standalone VM's OS disk swap is not supported), a patch set
    /// only on VMs (install-patches does not exist for uniform scale-set instances).
    /// </summary>
    public ExecutorSupport Supports(ExecutorOperation operation, string assetId)
    {
        if (Supports(operation) is { IsSupported: false } refused)
        {
            return refused;
        }

        AzureAssetId asset;
        try
        {
            asset = AzureAssetId.Parse(assetId);
        }
        catch (ExecutorException ex)
        {
            return ExecutorSupport.Unsupported(ex.Message);
        }

        return operation switch
        {
            ExecutorOperation.ApplyImage when asset.ScaleSet is null => ExecutorSupport.Unsupported(StandaloneImageReason),
            ExecutorOperation.ApplyPatchSet when asset.IsScaleSetInstance => ExecutorSupport.Unsupported(ScaleSetPatchReason),
            _ => ExecutorSupport.Supported,
        };
    }

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrWhiteSpace(change.Reference))
        {
            throw new ExecutorException($"Golden image {change.Family} {change.ToVersion} has no image reference, so '{change.AssetId}' cannot be moved to it.");
        }

        var target = new AzureTargetImage(change.Reference.Trim());
        var (source, asset) = Locate(change.AssetId);
        if (asset.ScaleSet is not { } scaleSetId)
        {
            throw new ExecutorException(
                $"'{change.AssetId}' is a standalone VM: QL-RF changes the image of scale-set instances only (swapping a standalone VM's OS disk is not supported); rebuild it from {change.Reference} or put it in a scale set.");
        }

        var arm = source.Connection.Client;
        var instance = await AzureCalls.RunAsync(change.AssetId, "Get scale-set VM", () => arm.GetVirtualMachineScaleSetVmResource(asset.Id).GetAsync(cancellationToken: cancellationToken));
        if (target.IsRunBy(instance.Value.Data.StorageProfile?.ImageReference))
        {
            AzureLogs.AlreadyOnImage(logger, change.AssetId, target.Reference);
            return new ExecutionOutcome(Changed: false, change.ToVersion);
        }

        var scaleSet = await AzureCalls.RunAsync(change.AssetId, "Get scale set", () => arm.GetVirtualMachineScaleSetResource(scaleSetId).GetAsync(cancellationToken: cancellationToken));
        if (!target.IsRunBy(scaleSet.Value.Data.VirtualMachineProfile?.StorageProfile?.ImageReference))
        {
            var patch = new VirtualMachineScaleSetPatch
            {
                VirtualMachineProfile = new VirtualMachineScaleSetUpdateVmProfile
                {
                    StorageProfile = new VirtualMachineScaleSetUpdateStorageProfile { ImageReference = target.ToImageReference() },
                },
            };
            await AzureCalls.WaitAsync(change.AssetId, "Update scale set (image reference)", options.PollInterval, change.Progress, () => scaleSet.Value.UpdateAsync(WaitUntil.Started, patch, cancellationToken), cancellationToken);
            AzureLogs.ScaleSetModelUpdated(logger, scaleSetId, target.Reference);
        }

        AzureLogs.UpgradingInstance(logger, change.AssetId, target.Reference);
        var ids = new VirtualMachineScaleSetVmInstanceRequiredIds([asset.InstanceId!]);
        await AzureCalls.WaitAsync(change.AssetId, "UpdateInstances (manual upgrade)", options.PollInterval, change.Progress, () => scaleSet.Value.UpdateInstancesAsync(WaitUntil.Started, ids, cancellationToken), cancellationToken);
        return new ExecutionOutcome(Changed: true, change.ToVersion);
    }

    public async Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Remove)
        {
            throw new ExecutorException(
                $"Patch set {change.PatchSetId} cannot be removed from '{change.AssetId}': Azure's install-patches installs patches and cannot uninstall them; move the VM back to its image instead.");
        }

        var (source, asset) = Locate(change.AssetId);
        if (asset.IsScaleSetInstance)
        {
            throw new ExecutorException(
                $"Patch set {change.PatchSetId} cannot be applied to '{change.AssetId}': Azure offers install-patches for VMs only, not for uniform scale-set instances; roll out a patched image to the scale set instead.");
        }

        var vm = await AzureCalls.RunAsync(change.AssetId, "Get VM", () => source.Connection.Client.GetVirtualMachineResource(asset.Id).GetAsync(cancellationToken: cancellationToken));
        var data = vm.Value.Data;
        var version = AzureImageReference.Resolve(data.StorageProfile?.ImageReference, source.ImageNames)?.Version
            ?? throw new ExecutorException($"'{change.AssetId}' runs no image QL-RF can name, so no patch set applies to it.");
        var tag = TagName(change.PatchSetId);
        if (data.Tags.TryGetValue(tag, out var recorded) && recorded == "applied")
        {
            AzureLogs.PatchSetAlreadyApplied(logger, change.AssetId, change.PatchSetId);
            return new ExecutionOutcome(Changed: false, version);
        }

        var content = PatchContent(change, data.StorageProfile?.OSDisk?.OSType);
        var result = await AzureCalls.WaitAsync(change.AssetId, "InstallPatches", options.PollInterval, change.Progress, () => vm.Value.InstallPatchesAsync(WaitUntil.Started, content, cancellationToken), cancellationToken);
        if (result.Status == PatchOperationStatus.Failed || result.FailedPatchCount > 0)
        {
            var error = result.Error is { } e ? $"{e.Code}: {e.Message}" : $"{result.FailedPatchCount ?? 0} patches failed";
            throw new ExecutorException($"Azure InstallPatches for '{change.AssetId}' (patch set {change.PatchSetId}) ended {result.Status}: {error}.");
        }

        var installed = result.InstalledPatchCount ?? 0;
        AzureLogs.PatchSetInstalled(logger, change.AssetId, change.PatchSetId, installed, result.Status, result.RebootStatus);
        var tags = new VirtualMachinePatch();
        foreach (var (key, value) in data.Tags)
        {
            tags.Tags[key] = value;
        }

        tags.Tags[tag] = "applied";
        await AzureCalls.WaitAsync(change.AssetId, "Update VM (patch-set tag)", options.PollInterval, change.Progress, () => vm.Value.UpdateAsync(WaitUntil.Started, tags, cancellationToken), cancellationToken);
        return new ExecutionOutcome(Changed: true, version);
    }

    public async Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var (source, asset) = Locate(assetId);
        var arm = source.Connection.Client;
        ImageReference? image;
        VirtualMachineAgentInstanceView? agent;
        InstanceViewStatus? vmHealth;
        IReadOnlyList<InstanceViewStatus>? statuses;
        if (asset.ScaleSet is not null)
        {
            var instance = (await AzureCalls.RunAsync(assetId, "Get scale-set VM instance view", () => arm.GetVirtualMachineScaleSetVmResource(asset.Id).GetAsync(InstanceViewType.InstanceView, cancellationToken))).Value.Data;
            image = instance.StorageProfile?.ImageReference;
            (statuses, agent, vmHealth) = (instance.InstanceView?.Statuses, instance.InstanceView?.VmAgent, instance.InstanceView?.VmHealthStatus);
        }
        else
        {
            var vm = (await AzureCalls.RunAsync(assetId, "Get VM instance view", () => arm.GetVirtualMachineResource(asset.Id).GetAsync(InstanceViewType.InstanceView, cancellationToken))).Value.Data;
            image = vm.StorageProfile?.ImageReference;
            (statuses, agent, vmHealth) = (vm.InstanceView?.Statuses, vm.InstanceView?.VmAgent, vm.InstanceView?.VmHealthStatus);
        }

        var (health, detail) = AzureInstanceHealth.Of(statuses, agent, vmHealth);
        return new AssetHealthReport(assetId, health, AzureVmMapper.State(statuses), AzureImageReference.Resolve(image, source.ImageNames)?.Version, detail);
    }

    private VirtualMachineInstallPatchesContent PatchContent(PatchSetChange change, SupportedOperatingSystemType? os)
    {
        var content = new VirtualMachineInstallPatchesContent(new VmGuestPatchRebootSetting(options.PatchRebootSetting))
        {
            MaximumDuration = options.PatchMaximumDuration,
        };
        if (os == SupportedOperatingSystemType.Windows)
        {
            content.WindowsParameters = new WindowsParameters();
            foreach (var classification in options.WindowsClassifications)
            {
                content.WindowsParameters.ClassificationsToInclude.Add(new VmGuestPatchClassificationForWindows(classification));
            }

            foreach (var patch in change.Patches)
            {
                content.WindowsParameters.KbNumbersToInclude.Add(patch.StartsWith("KB", StringComparison.OrdinalIgnoreCase) ? patch[2..] : patch);
            }
        }
        else
        {
            content.LinuxParameters = new LinuxParameters();
            foreach (var classification in options.LinuxClassifications)
            {
                content.LinuxParameters.ClassificationsToInclude.Add(new VmGuestPatchClassificationForLinux(classification));
            }

            foreach (var patch in change.Patches)
            {
                content.LinuxParameters.PackageNameMasksToInclude.Add(patch);
            }
        }

        return content;
    }

    /// <summary>The tag recording a patch set: Azure tag names cannot hold <c>&lt; &gt; % &amp; \ ? /</c>, so those become '-'.</summary>
    internal string TagName(string patchSetId) =>
        options.PatchSetTagPrefix + string.Join('-', patchSetId.Split(TagNameForbidden));

    private (AzureExecutorSource Source, AzureAssetId Asset) Locate(string assetId)
    {
        var asset = AzureAssetId.Parse(assetId);
        var source = sources.Where(s => s.Covers(asset.Subscription)).OrderByDescending(s => s.ListsSubscriptions).FirstOrDefault()
            ?? throw new ExecutorException($"No azure source of this host reads subscription {asset.Subscription}, so '{assetId}' cannot be changed.");
        return (source, asset);
    }

    public void Dispose()
    {
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }
}
