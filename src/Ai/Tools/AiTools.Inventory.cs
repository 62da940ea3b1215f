using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    private async Task<AiToolOutput> QueryAssetsAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var filter = new AssetFilter
        {
            Environment = call.Text("environment"),
            Site = call.Text("site"),
            Platform = PlatformOf(call.Text("platform")),
            ImageFamily = call.Text("imageFamily"),
            Tags = call.Map("tags").ToList(),
        };
        var limit = Math.Min(call.Whole("limit") ?? MaxItems, MaxItems);
        var page = await inventory.QueryAssetsAsync(organisation, filter, limit, null, cancellationToken);
        var assets = page.Items.Select(a => new
        {
            a.Asset.Id,
            a.Asset.Name,
            Platform = EnumText<Platform>.Of(a.Asset.Platform),
            a.Asset.Site,
            a.Asset.Environment,
            Image = a.Asset.Image is { } image ? $"{image.Family}@{image.Version}" : null,
            State = EnumText<AssetState>.Of(a.Asset.State),
            Tags = a.Asset.Tags.Take(20).ToDictionary(t => t.Key, t => t.Value.Length <= 100 ? t.Value : t.Value[..100], StringComparer.Ordinal),
        }).ToList();
        var more = page.NextCursor is null ? string.Empty : " (more not shown)";
        return AiToolOutput.Of($"{assets.Count} asset(s){more}", new { assets, more = page.NextCursor is not null });
    }

    private async Task<AiToolOutput> DriftStatusAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var thresholds = await driftFunctions.ThresholdsAsync(organisation, cancellationToken);
        var summaries = await drift.GetSummariesAsync(organisation, cancellationToken);
        var filter = new DriftFilter
        {
            Environment = call.Text("environment"),
            Site = call.Text("site"),
            Platform = PlatformOf(call.Text("platform")),
            Family = call.Text("imageFamily"),
        };
        var group = filter switch
        {
            { Site: { } site, Environment: { } env } => new DriftGroup(DriftDimension.SiteEnvironment, site, env),
            { Environment: { } env } => new DriftGroup(DriftDimension.Environment, env, string.Empty),
            { Site: { } site } => new DriftGroup(DriftDimension.Site, site, string.Empty),
            { Platform: { } platform } => new DriftGroup(DriftDimension.Platform, EnumText<Platform>.Of(platform), string.Empty),
            { Family: { } family } => new DriftGroup(DriftDimension.Family, family, string.Empty),
            _ => DriftGroup.Organisation,
        };
        var summary = DriftSummary.From(summaries.GetValueOrDefault(group) ?? new DriftCounters(), now, thresholds);
        var outdated = await drift.ListOutdatedAsync(organisation, filter, MaxItems, null, cancellationToken);
        var assets = outdated.Items.Select(d => new { d.AssetId, d.Name, d.Site, d.Environment, d.Family, d.Version, d.ProductionVersion, d.VersionsBehind, DaysBehind = d.DaysBehind(now) }).ToList();
        return AiToolOutput.Of(
            $"{summary.Outdated} of {summary.Total} outdated, {summary.Compliant} compliant{(summary.CoveragePercent is { } c ? $", coverage {c:0.#}%" : string.Empty)}",
            new { summary, outdated = assets, moreOutdated = outdated.NextCursor is not null });
    }

    private async Task<AiToolOutput> DriftHeatmapAsync(string organisation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var thresholds = await driftFunctions.ThresholdsAsync(organisation, cancellationToken);
        var summaries = await drift.GetSummariesAsync(organisation, cancellationToken);
        var cells = summaries
            .Where(s => s.Key.Dimension == DriftDimension.SiteEnvironment)
            .OrderBy(s => s.Key.Key, StringComparer.Ordinal).ThenBy(s => s.Key.Key2, StringComparer.Ordinal)
            .Select(s => (s.Key, Summary: DriftSummary.From(s.Value, now, thresholds)))
            .Select(c => new { site = c.Key.Key, environment = c.Key.Key2, c.Summary.Total, c.Summary.Outdated, c.Summary.CoveragePercent, c.Summary.Rag })
            .ToList();
        var red = cells.Count(c => c.Rag == RagStatus.Red);
        return AiToolOutput.Of($"{cells.Count} site/environment cell(s), {red} red", new { cells });
    }

    private static Platform? PlatformOf(string? text) =>
        text is null ? null
        : EnumText<Platform>.TryParse(text, out var platform) ? platform
        : throw new RequestValidationException("platform", $"'{text}' is not one of {string.Join(", ", EnumText<Platform>.All)}.");
}
