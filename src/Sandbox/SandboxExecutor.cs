using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Sandbox;

/// <summary>
/// The sandbox platform's executor: records image changes and patch sets in the sandbox state (so the next sweep sees
/// them), reports health from the estate file, and injects the configured faults and latency.
/// </summary>
public sealed class SandboxExecutor(SandboxSources sources, ISandboxStateStore state, IOptions<SandboxOptions> options, TimeProvider time) : IPlatformExecutor
{
    public bool Handles(string source, Platform platform) => sources.IsSandbox(source);

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var asset = sources.Find(change.Organisation, change.AssetId)
            ?? throw new ExecutorException($"Sandbox asset '{change.AssetId}' is not in any estate file of organisation '{change.Organisation}'.");
        var current = await state.GetAsync(change.Organisation, change.AssetId, cancellationToken);
        var version = current?.ImageVersion ?? asset.Image?.Version;
        if (version == change.ToVersion)
        {
            return new ExecutionOutcome(Changed: false, version);
        }

        var fault = Fault("apply", asset);
        var latency = options.Value.ApplyLatency + (fault?.Latency ?? TimeSpan.Zero);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        if (fault is not null && Fails(fault, asset))
        {
            throw new ExecutorException($"Injected sandbox fault: applying {change.Family} {change.ToVersion} to '{asset.Id}' failed (site {asset.Site}, {asset.Environment}).");
        }

        var written = await state.SetImageAsync(change.Organisation, change.AssetId, change.ToVersion, change.Reference, change.IdempotencyKey, cancellationToken);
        return new ExecutionOutcome(Changed: true, written.ImageVersion);
    }

    public async Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var asset = sources.Find(change.Organisation, change.AssetId)
            ?? throw new ExecutorException($"Sandbox asset '{change.AssetId}' is not in any estate file of organisation '{change.Organisation}'.");
        var current = await state.GetAsync(change.Organisation, change.AssetId, cancellationToken);
        var version = current?.ImageVersion ?? asset.Image?.Version
            ?? throw new ExecutorException($"Sandbox asset '{asset.Id}' runs no image, so no patch set applies to it.");
        var applied = current?.PatchSets ?? [];
        if (applied.Contains(change.PatchSetId, StringComparer.Ordinal) != change.Remove)
        {
            return new ExecutionOutcome(Changed: false, version);
        }

        var fault = Fault("apply", asset);
        var latency = options.Value.ApplyLatency + (fault?.Latency ?? TimeSpan.Zero);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        if (fault is not null && Fails(fault, asset))
        {
            throw new ExecutorException($"Injected sandbox fault: {(change.Remove ? "removing" : "applying")} patch set {change.PatchSetId} {(change.Remove ? "from" : "to")} '{asset.Id}' failed (site {asset.Site}, {asset.Environment}).");
        }

        IReadOnlyList<string> next = change.Remove
            ? applied.Where(p => !string.Equals(p, change.PatchSetId, StringComparison.Ordinal)).ToList()
            : [.. applied, change.PatchSetId];
        var written = await state.SetPatchSetsAsync(change.Organisation, change.AssetId, version, current?.ImageReference ?? asset.Image?.Reference, next, change.IdempotencyKey, cancellationToken);
        return new ExecutionOutcome(Changed: true, written.ImageVersion);
    }

    public async Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var asset = sources.Find(organisation, assetId)
            ?? throw new ExecutorException($"Sandbox asset '{assetId}' is not in any estate file of organisation '{organisation}'.");
        var current = await state.GetAsync(organisation, assetId, cancellationToken);
        var version = current?.ImageVersion ?? asset.Image?.Version;
        var fault = Fault("health", asset);
        if (current is not null && fault is not null && Fails(fault, asset))
        {
            return new AssetHealthReport(assetId, AssetHealth.Unhealthy, asset.State, version, "Injected sandbox fault: unhealthy after the change.");
        }

        return new AssetHealthReport(assetId, asset.Health, asset.State, version, null);
    }

    private SandboxFault? Fault(string operation, Asset asset) =>
        options.Value.Faults.FirstOrDefault(f =>
            string.Equals(f.Operation, operation, StringComparison.OrdinalIgnoreCase)
            && (f.AssetIds.Count == 0 || f.AssetIds.Contains(asset.Id, StringComparer.Ordinal))
            && (f.Sites.Count == 0 || f.Sites.Contains(asset.Site, StringComparer.Ordinal))
            && (f.Environments.Count == 0 || f.Environments.Contains(asset.Environment, StringComparer.Ordinal)));

    /// <summary>A stable draw per asset, so the same assets fail on every attempt and every run.</summary>
    private static bool Fails(SandboxFault fault, Asset asset)
    {
        if (fault.FailRate >= 1)
        {
            return true;
        }

        var draw = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(asset.Id))) / (double)uint.MaxValue;
        return draw < fault.FailRate;
    }
}
