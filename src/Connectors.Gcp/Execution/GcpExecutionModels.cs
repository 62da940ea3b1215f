namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>What the executor reads of an instance: its status, disks and metadata (<c>created-by</c> names a managed instance group).</summary>
internal sealed record GceInstanceState(string Name, string? Status, List<GceAttachedDisk>? Disks, GceMetadata? Metadata, string? SelfLink)
{
    public GceAttachedDisk? Boot => Disks?.FirstOrDefault(d => d.Boot);

    /// <summary>The instance group manager that created the instance (metadata <c>created-by</c>), if any.</summary>
    public string? CreatedBy => Metadata?.Items?.FirstOrDefault(i => i.Key == "created-by")?.Value;
}

internal sealed record GceAttachedDisk(bool Boot, string? Source, string? DeviceName);

internal sealed record GceMetadata(List<GceMetadataItem>? Items);

internal sealed record GceMetadataItem(string Key, string? Value);

/// <summary>A persistent disk; Compute writes int64 fields (<c>sizeGb</c>) as strings.</summary>
internal sealed record GceDiskState(string Name, string? SelfLink, string? SourceImage, string? SizeGb, string? Type, string? Status);

/// <summary>An image's name and the smallest disk it fits on.</summary>
internal sealed record GceImageSize(string Name, string? DiskSizeGb, string? SelfLink);

/// <summary>A zonal operation: <c>PENDING</c>, <c>RUNNING</c> or <c>DONE</c> (with its <c>progress</c> percentage), with its errors when it failed.</summary>
internal sealed record GceOperation(string Name, string? Status, string? Zone, GceOperationError? Error, int? HttpErrorStatusCode, string? HttpErrorMessage, int? Progress = null, string? SelfLink = null)
{
    /// <summary>The operation's state as progress: <c>RUNNING 40%</c>.</summary>
    public string State => (Status ?? "PENDING") + (Progress is { } percent ? $" {percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%" : string.Empty);
}

internal sealed record GceOperationError(List<GceOperationErrorItem>? Errors);

internal sealed record GceOperationErrorItem(string? Code, string? Message);

/// <summary>A managed instance group: its template (and versions), and how it updates its instances.</summary>
internal sealed record GceManager(string Name, string? InstanceTemplate, List<GceManagerVersion>? Versions, GceUpdatePolicy? UpdatePolicy, string? SelfLink);

internal sealed record GceManagerVersion(string? InstanceTemplate, string? Name);

/// <summary><c>PROACTIVE</c> (the group replaces instances itself when its template changes) or <c>OPPORTUNISTIC</c>.</summary>
internal sealed record GceUpdatePolicy(string? Type);

/// <summary>A page of <c>listManagedInstances</c>.</summary>
internal sealed record GceManagedInstances(List<GceManagedInstance>? ManagedInstances, string? NextPageToken);

/// <summary>One instance of a group: what the group is doing to it (<c>NONE</c> when nothing) and the template it was made from.</summary>
internal sealed record GceManagedInstance(string? Instance, string? InstanceStatus, string? CurrentAction, GceManagerVersion? Version);
