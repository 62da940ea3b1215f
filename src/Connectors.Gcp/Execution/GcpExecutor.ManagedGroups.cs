using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Qlrf.Execution;

namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>The image change of an instance that a managed instance group made (its <c>created-by</c> metadata).</summary>
public sealed partial class GcpExecutor
{
    /// <summary>
    /// Moves one instance of a managed instance group to the image, through its group: the group's template is copied into a
    /// template booting from the image (named from the old template and the image, so every instance of the rollout shares it),
    /// the group is set to that template, and <c>applyUpdatesToInstances</c> replaces this instance only; the change is done
    /// when the group reports the instance made from the new template with no action pending. A group whose update policy is
    /// <c>PROACTIVE</c> is refused (setting its template would replace all its instances at once, outside the rollout's
    /// batches), as is one with several versions (a canary someone else runs). Each step reads the group first, so a retried
    /// step continues where the last one stopped.
    /// </summary>
    private async Task<ExecutionOutcome> UpdateInGroupAsync(ImageChange change, GcpInstanceId id, GceInstanceState instance, string manager, string target, CancellationToken cancellationToken)
    {
        var asset = change.AssetId;
        var compute = Locate(asset).Source.Compute;
        var boot = instance.Boot?.Source is { } bootSource ? await compute.DiskAsync(asset, bootSource, cancellationToken) : null;
        if (boot is not null && SameImage(boot.SourceImage, target))
        {
            GcpLogs.AlreadyOnImage(logger, asset, target);
            return new ExecutionOutcome(Changed: false, change.ToVersion);
        }

        var group = await compute.ManagerAsync(asset, manager, cancellationToken);
        if (string.Equals(group.UpdatePolicy?.Type, "PROACTIVE", StringComparison.Ordinal))
        {
            throw new ExecutorException(
                $"'{asset}' belongs to managed instance group {manager}, whose update policy is PROACTIVE: setting its template to {target} would replace every instance at once, outside the rollout's batches. Set the group's update policy to OPPORTUNISTIC so that QL-RF updates its instances one by one.");
        }

        if (group.Versions is { Count: > 1 })
        {
            throw new ExecutorException(
                $"'{asset}' belongs to managed instance group {manager}, which runs {group.Versions.Count} versions (a canary): QL-RF updates groups with one template only.");
        }

        var current = group.Versions is [{ InstanceTemplate: { } versionTemplate }] ? versionTemplate : group.InstanceTemplate
            ?? throw new ExecutorException($"Managed instance group {manager} of '{asset}' names no instance template.");
        var template = await TemplateForAsync(change, id, current, target, cancellationToken);
        if (!SamePath(current, template))
        {
            var patch = new JsonObject
            {
                ["instanceTemplate"] = template,
                ["versions"] = new JsonArray(new JsonObject { ["instanceTemplate"] = template }),
            };
            await RunAsync(asset, id, "instanceGroupManagers.patch", GcpComputeCalls.PathOf(manager), patch, change, RequestId(current + "\n" + template, "instanceGroupManagers.patch " + manager), HttpMethod.Patch, cancellationToken);
            GcpLogs.GroupTemplateSet(logger, manager, template);
        }

        var update = new JsonObject
        {
            ["instances"] = new JsonArray($"zones/{id.Zone}/instances/{id.Name}"),
            ["minimalAction"] = "REPLACE",
            ["mostDisruptiveAllowedAction"] = "REPLACE",
        };
        await RunAsync(asset, id, "instanceGroupManagers.applyUpdatesToInstances", GcpComputeCalls.PathOf(manager) + "/applyUpdatesToInstances", update, change, cancellationToken);
        await WaitForGroupAsync(change, id, manager, template, cancellationToken);
        GcpLogs.GroupInstanceUpdated(logger, asset, manager, template);
        return new ExecutionOutcome(Changed: true, change.ToVersion);
    }

    /// <summary>The template booting from the image: the group's own when it does, else its copy (made now when missing).</summary>
    private async Task<string> TemplateForAsync(ImageChange change, GcpInstanceId id, string current, string target, CancellationToken cancellationToken)
    {
        var asset = change.AssetId;
        var compute = Locate(asset).Source.Compute;
        var source = await compute.TemplateAsync(asset, current, cancellationToken)
            ?? throw new ExecutorException($"Instance template {current} of the group of '{asset}' does not exist or is not readable.");
        if (BootImage(source) is { } image && SameImage(image, target))
        {
            return GcpComputeCalls.PathOf(current);
        }

        var path = GcpComputeCalls.PathOf(current);
        var collection = path[..(path.LastIndexOf('/') + 1)];
        var name = TemplateName(path[(path.LastIndexOf('/') + 1)..], target);
        var copy = collection + name;
        if (await compute.TemplateAsync(asset, copy, cancellationToken) is { } existing)
        {
            return BootImage(existing) is { } made && SameImage(made, target)
                ? copy
                : throw new ExecutorException($"Instance template {copy} exists but does not boot from {target}; delete it or retry with another step.");
        }

        var properties = source["properties"]?.DeepClone() as JsonObject
            ?? throw new ExecutorException($"Instance template {current} of the group of '{asset}' has no properties.");
        var bootDisk = (properties["disks"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(d => d["boot"]?.GetValue<bool>() == true)
            ?? throw new ExecutorException($"Instance template {current} of the group of '{asset}' has no boot disk.");
        if (bootDisk["initializeParams"] is not JsonObject initialize)
        {
            throw new ExecutorException($"The boot disk of instance template {current} is an existing disk, not one made from an image; QL-RF cannot move its group to {target}.");
        }

        initialize["sourceImage"] = target;
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"{source["name"]} booting from {target} (QL-RF {change.Family} {change.ToVersion})",
            ["properties"] = properties,
        };
        await RunAsync(asset, id, "instanceTemplates.insert", collection.TrimEnd('/'), body, change, RequestId(copy, "instanceTemplates.insert"), HttpMethod.Post, cancellationToken);
        return copy;
    }

    /// <summary>Polls the group until it reports the instance made from the template with no action pending.</summary>
    private async Task WaitForGroupAsync(ImageChange change, GcpInstanceId id, string manager, string template, CancellationToken cancellationToken)
    {
        var asset = change.AssetId;
        var compute = Locate(asset).Source.Compute;
        var deadline = time.GetUtcNow() + options.Timeout;
        while (true)
        {
            var managed = await ManagedInstanceAsync(compute, asset, manager, id.Name, cancellationToken);
            var action = managed?.CurrentAction ?? "CREATING";
            var state = $"{action}, instance {managed?.InstanceStatus ?? "absent"}";
            await change.Progress.ReportAsync($"managed instance group {GcpComputeCalls.PathOf(manager)}", state, cancellationToken);
            if (action == "NONE" && managed?.Version?.InstanceTemplate is { } made && SamePath(made, template) && managed.InstanceStatus == "RUNNING")
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ExecutorException($"Compute Engine managed instance group {manager} has not replaced '{asset}' from {template} after {options.Timeout} (it reports {state}).");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static async Task<GceManagedInstance?> ManagedInstanceAsync(GcpComputeCalls compute, string asset, string manager, string name, CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var page = await compute.ManagedInstancesAsync(asset, manager, pageToken, cancellationToken);
            if (page.ManagedInstances?.FirstOrDefault(m => m.Instance is { } url && url.EndsWith("/instances/" + name, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            pageToken = string.IsNullOrEmpty(page.NextPageToken) || page.NextPageToken == pageToken ? null : page.NextPageToken;
        }
        while (pageToken is not null);
        return null;
    }

    private static string? BootImage(JsonObject template) =>
        (template["properties"]?["disks"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(d => d["boot"]?.GetValue<bool>() == true)?["initializeParams"]?["sourceImage"]?.GetValue<string>();

    private static bool SamePath(string a, string b) => GcpComputeCalls.PathOf(a) == GcpComputeCalls.PathOf(b);

    /// <summary>
    /// A template's copy booting from the image: <c>{template}-qlrf-{hash8}</c>, the hash of the image, without the suffix of an
    /// earlier copy, cut to keep within Compute's 63 characters. Every instance moved to the image shares it.
    /// </summary>
    internal static string TemplateName(string template, string image)
    {
        var at = template.LastIndexOf("-qlrf-", StringComparison.Ordinal);
        var stem = at > 0 && template.Length - at == "-qlrf-".Length + 8 ? template[..at] : template;
        var suffix = "-qlrf-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..8];
        return stem[..Math.Min(stem.Length, NameLength - suffix.Length)] + suffix;
    }
}
