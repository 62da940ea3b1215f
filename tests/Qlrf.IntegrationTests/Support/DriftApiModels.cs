using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.IntegrationTests.Support;

public sealed record GroupDto(
    string? Site, string? Environment, string? Platform, string? Family, long Total, long Compliant, long Outdated, long Ahead, long Unknown,
    double? CoveragePercent, RagStatus? Rag, int MaxDaysBehind, double AvgDaysBehind);

public sealed record DriftReportDto(
    DateTimeOffset AsOf, RagThresholds Thresholds, GroupDto Organisation, List<GroupDto> Environments, List<GroupDto> Platforms,
    List<GroupDto> Sites, List<GroupDto> SiteEnvironments, List<GroupDto> Families);

public sealed record CellDto(string Environment, long Total, long Compliant, double? CoveragePercent, RagStatus? Rag);

public sealed record HeatmapRowDto(string Site, List<CellDto?> Cells);

public sealed record HeatmapDto(List<string> Environments, List<HeatmapRowDto> Rows);

public sealed record AssetDriftDto(
    string AssetId, string Name, Platform Platform, string Site, string Environment, string? Family, string? Version, DriftStatus Status,
    UnknownReason? Reason, string? ProductionVersion, int VersionsBehind, int DaysBehind, DateTimeOffset? OutdatedSince);

public sealed record FamilyDto(string Name, string Os, string Owner, Dictionary<string, string> Production, int Versions);

public static class DriftApi
{
    /// <summary>Waits until drift covers the whole estate (the first sweep applied and reconciled).</summary>
    public static Task WaitForDriftAsync(this QlrfHost host, int assets) =>
        Eventually.TrueAsync(async () => (await host.GetJsonAsync<DriftReportDto>("/api/v1/drift")).Organisation.Total == assets,
            TimeSpan.FromSeconds(30), "drift to cover the estate");

    public static async Task<List<AssetDriftDto>> AllOutdatedAsync(this QlrfHost host, string query = "")
    {
        var all = new List<AssetDriftDto>();
        string? cursor = null;
        do
        {
            var page = await host.GetJsonAsync<PageDto<AssetDriftDto>>($"/api/v1/drift/outdated?limit=40{query}{(cursor is null ? string.Empty : "&cursor=" + cursor)}");
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }
}
