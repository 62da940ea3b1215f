using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>
/// Changes the Compute Engine instances discovered by the host's <c>gcp</c> sources, over the Compute REST API with their
/// credentials and endpoint. An image change recreates a standalone instance's boot disk from the target image: stop, insert
/// a disk from the image (named from the step's idempotency key, with a <c>requestId</c> derived from it), detach the old
/// boot disk (kept, for rollback and forensics), attach the new one as boot, start; each zonal operation is waited for. Each
/// step reads the instance first, so a retried activity continues where the last one stopped. An instance of a managed instance
/// group is updated by its group instead (see <see cref="UpdateInGroupAsync"/>). Patch sets are not supported. Health comes
/// from the instance's status.
/// </summary>
public sealed partial class GcpExecutor : IPlatformExecutor, IDisposable
{
    /// <summary>Compute's limit on a resource name's length.</summary>
    internal const int NameLength = 63;

    private const string PatchReason = "on GCP patch sets would run as OS Config patch jobs, which QL-RF does not implement yet; roll out a patched image instead";

    private readonly IReadOnlyList<GcpExecutorSource> sources;
    private readonly GcpExecutorOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public GcpExecutor(IConfiguration configuration, IOptions<GcpExecutorOptions> options, TimeProvider time, ILogger<GcpExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        sources = configuration.GetSection("Qlrf:Discovery:Sources").GetChildren()
            .Where(s => string.Equals(s["Kind"], "gcp", StringComparison.OrdinalIgnoreCase) && s.GetValue("Enabled", true))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => new GcpExecutorSource(s.Key.ToLowerInvariant(), s.Get<GcpSourceOptions>() ?? new GcpSourceOptions(), s.Path, time, logger))
            .ToList();
    }

    public bool Handles(string source, Platform platform) =>
        platform == Platform.Gcp && sources.Any(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase));

    public ExecutorSupport Supports(ExecutorOperation operation) => operation == ExecutorOperation.ApplyImage
        ? ExecutorSupport.Supported
        : ExecutorSupport.Unsupported(PatchReason);

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var target = TargetImage(change.Reference)
            ?? throw new ExecutorException($"Golden image {change.Family} {change.ToVersion} has no Compute image reference (projects/{{project}}/global/images/{{name}}), so '{change.AssetId}' cannot be moved to it.");
        var (source, id) = Locate(change.AssetId);
        var compute = source.Compute;
        var asset = change.AssetId;
        var newDisk = DiskName(id.Name, change.IdempotencyKey, target);

        var instance = await compute.InstanceAsync(asset, id, cancellationToken);
        if (instance.CreatedBy is { } manager && manager.Contains("/instanceGroupManagers/", StringComparison.Ordinal))
        {
            return await UpdateInGroupAsync(change, id, instance, manager, target, cancellationToken);
        }

        var boot = instance.Boot;
        var bootDisk = boot?.Source is { } bootSource ? await compute.DiskAsync(asset, bootSource, cancellationToken) : null;
        if (bootDisk is not null && SameImage(bootDisk.SourceImage, target))
        {
            if (bootDisk.Name == newDisk && instance.Status is "TERMINATED" or "STOPPED")
            {
                // A retried step that attached the new disk but did not start the instance.
                await RunAsync(asset, id, "instances.start", $"{id.Path}/start", null, change, cancellationToken);
                return new ExecutionOutcome(Changed: true, change.ToVersion);
            }

            GcpLogs.AlreadyOnImage(logger, asset, target);
            return new ExecutionOutcome(Changed: false, change.ToVersion);
        }

        if (instance.Status is not ("TERMINATED" or "STOPPED"))
        {
            await RunAsync(asset, id, "instances.stop", $"{id.Path}/stop", null, change, cancellationToken);
        }

        var disk = await compute.DiskAsync(asset, id.DiskPath(newDisk), cancellationToken);
        if (disk is null)
        {
            var image = await compute.ImageAsync(asset, target, cancellationToken)
                ?? throw new ExecutorException($"Image {target} does not exist or is not readable, so '{asset}' cannot be moved to {change.Family} {change.ToVersion}.");
            var body = new JsonObject { ["name"] = newDisk, ["sourceImage"] = target };
            if (bootDisk?.Type is { } type)
            {
                body["type"] = type;
            }

            if (Size(bootDisk?.SizeGb) is { } oldSize && oldSize > (Size(image.DiskSizeGb) ?? 0))
            {
                body["sizeGb"] = oldSize.ToString(CultureInfo.InvariantCulture);
            }

            await RunAsync(asset, id, "disks.insert", $"projects/{id.Project}/zones/{id.Zone}/disks", body, change, cancellationToken);
        }
        else if (!SameImage(disk.SourceImage, target))
        {
            throw new ExecutorException($"Disk {newDisk} next to '{asset}' exists but was made from {disk.SourceImage ?? "no image"}, not {target}; delete it or retry with another step.");
        }

        if (boot is not null && !IsDisk(boot.Source, newDisk))
        {
            await RunAsync(asset, id, "instances.detachDisk", $"{id.Path}/detachDisk?deviceName={Uri.EscapeDataString(boot.DeviceName ?? string.Empty)}", null, change, cancellationToken);
            boot = null;
        }

        if (boot is null)
        {
            var attach = new JsonObject { ["source"] = id.DiskPath(newDisk), ["boot"] = true, ["autoDelete"] = false };
            await RunAsync(asset, id, "instances.attachDisk", $"{id.Path}/attachDisk", attach, change, cancellationToken);
        }

        await RunAsync(asset, id, "instances.start", $"{id.Path}/start", null, change, cancellationToken);
        GcpLogs.BootDiskReplaced(logger, asset, newDisk, target, bootDisk?.Name ?? "(detached before)");
        return new ExecutionOutcome(Changed: true, change.ToVersion);
    }

    public Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        throw new ExecutorException($"Patch set {change.PatchSetId} cannot be {(change.Remove ? "removed from" : "applied to")} '{change.AssetId}': {PatchReason}.");
    }

    public async Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var (source, id) = Locate(assetId);
        var instance = await source.Compute.InstanceAsync(assetId, id, cancellationToken);
        var version = await VersionAsync(source, assetId, instance, cancellationToken);
        return new AssetHealthReport(assetId, GcpInstanceHealth.Of(instance.Status), GceAssetMapper.State(instance.Status), version, $"instance status {instance.Status ?? "unknown"}");
    }

    private static async Task<string?> VersionAsync(GcpExecutorSource source, string assetId, GceInstanceState instance, CancellationToken cancellationToken)
    {
        if (instance.Boot?.Source is not { } bootSource
            || await source.Compute.DiskAsync(assetId, bootSource, cancellationToken) is not { } disk
            || GceAssetMapper.ImagePath(disk.SourceImage) is not { } imagePath)
        {
            return null;
        }

        try
        {
            return source.Mapper.Image(imagePath, await source.Images.ImageAsync(imagePath, cancellationToken))?.Version;
        }
        catch (ConnectorException ex)
        {
            throw new ExecutorException($"Compute Engine images.get for '{assetId}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Starts an operation (its <c>requestId</c> from the step and the call) and waits until it is <c>DONE</c>.</summary>
    private Task RunAsync(string assetId, GcpInstanceId id, string call, string path, JsonObject? body, ImageChange change, CancellationToken cancellationToken) =>
        RunAsync(assetId, id, call, path, body, change, RequestId(change.IdempotencyKey, call), HttpMethod.Post, cancellationToken);

    /// <summary>Starts an operation with the request id and method given and waits until it is <c>DONE</c>, polling it by its self-link.</summary>
    private async Task RunAsync(
        string assetId, GcpInstanceId id, string call, string path, JsonObject? body, ImageChange change, string requestId, HttpMethod method, CancellationToken cancellationToken)
    {
        var compute = Locate(assetId).Source.Compute;
        var operation = await compute.StartAsync(assetId, call, path, body, requestId, cancellationToken, method);
        GcpLogs.OperationStarted(logger, assetId, call, operation.Name);
        var deadline = time.GetUtcNow() + options.Timeout;
        while (true)
        {
            await change.Progress.ReportAsync($"Compute Engine {call} (operation {operation.Name})", operation.State, cancellationToken);
            if (operation.Status == "DONE")
            {
                break;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ExecutorException($"Compute Engine {call} for '{assetId}' (operation {operation.Name}) is still {operation.Status} after {options.Timeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
            operation = operation.SelfLink is { } selfLink
                ? await compute.OperationAtAsync(assetId, selfLink, cancellationToken)
                : await compute.OperationAsync(assetId, id, operation.Name, cancellationToken);
        }

        if (operation.Error?.Errors is { Count: > 0 } errors)
        {
            var detail = string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"));
            throw new ExecutorException($"Compute Engine {call} for '{assetId}' (operation {operation.Name}) failed: {detail}");
        }
    }

    private (GcpExecutorSource Source, GcpInstanceId Id) Locate(string assetId)
    {
        var id = GcpInstanceId.Parse(assetId);
        var source = sources.FirstOrDefault(s => s.Covers(id.Project))
            ?? throw new ExecutorException($"No gcp source of this host reads project {id.Project}, so '{assetId}' cannot be changed.");
        return (source, id);
    }

    /// <summary>The image path (<c>projects/{p}/global/images/{name}</c>) of a reference: an image self-link or the path itself.</summary>
    internal static string? TargetImage(string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? null : GceAssetMapper.ImagePath(reference.Trim()) is { } path && path.Contains("/global/images/", StringComparison.Ordinal) ? path : null;

    private static bool SameImage(string? sourceImage, string target) => GceAssetMapper.ImagePath(sourceImage) == target;

    private static bool IsDisk(string? source, string name) => source is not null && source.EndsWith("/disks/" + name, StringComparison.Ordinal);

    private static long? Size(string? gb) => long.TryParse(gb, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;

    /// <summary>
    /// The new boot disk's name: <c>{instance}-qlrf-{hash8}</c>, the hash of the step's idempotency key and the image, so a
    /// retried step finds the disk it made; the instance name is cut to keep within Compute's 63 characters.
    /// </summary>
    internal static string DiskName(string instance, string idempotencyKey, string image)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey + "\n" + image)))[..8];
        var suffix = "-qlrf-" + hash;
        return instance[..Math.Min(instance.Length, NameLength - suffix.Length)] + suffix;
    }

    /// <summary>A UUID (version 8, RFC 9562) from the step's idempotency key and the call: Compute answers a repeated request id with the first operation.</summary>
    internal static string RequestId(string idempotencyKey, string call)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey + "\n" + call))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    public void Dispose()
    {
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }
}
