using System.Text.Json.Serialization;

namespace Qlrf.Connectors.Vsphere;

internal sealed record DatacenterSummary(
    [property: JsonPropertyName("datacenter")] string Datacenter,
    [property: JsonPropertyName("name")] string Name);

internal sealed record HostSummary(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("name")] string? Name);

/// <summary>A VM as <c>GET /api/vcenter/vm</c> lists it.</summary>
internal sealed record VmSummary(
    [property: JsonPropertyName("vm")] string Vm,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("power_state")] string? PowerState,
    [property: JsonPropertyName("cpu_count")] int? CpuCount,
    [property: JsonPropertyName("memory_size_MiB")] long? MemorySizeMiB);

/// <summary>A content library item (<c>GET /api/content/library/item/{id}</c>).</summary>
internal sealed record LibraryItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("library_id")] string? LibraryId);

internal sealed record ObjectId(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id);

internal sealed record ObjectTags(
    [property: JsonPropertyName("object_id")] ObjectId ObjectId,
    [property: JsonPropertyName("tag_ids")] List<string>? TagIds);

internal sealed record TagModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("category_id")] string CategoryId);

internal sealed record CategoryModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);
