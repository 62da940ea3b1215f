using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.IntegrationTests.Support;

/// <summary>The API's JSON as a client reads it.</summary>
public sealed record PageDto<T>(List<T> Items, string? NextCursor);

public sealed record AssetDto(
    string Id, string Name, Platform Platform, string Site, string Environment, ImageRef? Image,
    Dictionary<string, string> Tags, AssetState State, AssetHealth Health, string Source, long Version,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastChangedAt, DateTimeOffset? RemovedAt);

public sealed record HistoryDto(long Version, AssetChangeKind Kind, List<string> ChangedFields, string? Hash, Guid EventId, string SweepRunId);

public sealed record AssetDetailDto(AssetDto Asset, List<HistoryDto> History);

public sealed record ProblemDto(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);
