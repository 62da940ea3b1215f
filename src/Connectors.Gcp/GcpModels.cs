namespace Qlrf.Connectors.Gcp;

/// <summary>An aggregatedList answer of Compute Engine: scoped lists by zone, the next page's token, and the zones that did not answer.</summary>
internal sealed record AggregatedList<TScoped>(
    Dictionary<string, TScoped>? Items,
    string? NextPageToken,
    List<string>? Unreachables);

internal sealed record InstancesScopedList(List<GceInstance>? Instances, GcpWarning? Warning);

internal sealed record DisksScopedList(List<GceDisk>? Disks, GcpWarning? Warning);

/// <summary>A warning of a scoped list; <c>NO_RESULTS_ON_PAGE</c> is the normal empty zone.</summary>
internal sealed record GcpWarning(string? Code, string? Message);

/// <summary>What QL-RF reads of a Compute Engine instance.</summary>
internal sealed record GceInstance(
    string? Id,
    string Name,
    string? Zone,
    string? Status,
    Dictionary<string, string>? Labels,
    List<AttachedDisk>? Disks,
    string? SelfLink);

internal sealed record AttachedDisk(bool Boot, string? Source);

internal sealed record GceDisk(string? SelfLink, string? SourceImage);

/// <summary>What QL-RF reads of an image.</summary>
internal sealed record GceImage(string Name, string? Family, Dictionary<string, string>? Labels, string? SelfLink);
