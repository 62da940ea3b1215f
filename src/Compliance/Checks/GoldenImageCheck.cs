using System.Globalization;
using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Compliance.Checks;

/// <summary>
/// <c>asset-golden-image</c>: each asset runs the production version of its image family on its platform, as drift
/// last evaluated it. Outdated assets fail, and so do assets ahead of production (a version not released yet); an
/// asset whose drift is unknown (no image, an unregistered family, no production version) has no evidence and is left out.
/// With <c>family</c> (default <c>*</c>, every family) only that image family's assets count.
/// </summary>
public sealed class GoldenImageCheck(IInventoryStore inventory, IDriftStore drift) : IAssetCheck, IFamilyCheck
{
    public const string CheckId = "asset-golden-image";
    private const int PageSize = 1000;
    private const string All = "*";

    public string Id => CheckId;

    public string ObjectKind => "asset";

    public string Description => "Each asset runs the production (golden) version of its image family.";

    public IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Text("family", All, "Only assets of this image family ('*': every family).")];

    public bool ClockDependent => false;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<CheckObjectResult>();
        string? after = null;
        do
        {
            var family = context.Parameters.Text("family");
            var page = await inventory.QueryAssetsAsync(context.Organisation, new AssetFilter { ImageFamily = family == All ? null : family }, PageSize, after, cancellationToken);
            foreach (var asset in page.Items)
            {
                if (await drift.GetAssetAsync(context.Organisation, asset.Asset.Id, cancellationToken) is { } d && Judge(d) is { } result)
                {
                    results.Add(result);
                }
            }

            after = page.NextCursor;
        }
        while (after is not null);

        return results;
    }

    public async Task<CheckDelta> EvaluateAssetsAsync(CheckContext context, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assetIds);
        var upserts = new List<CheckObjectResult>();
        var removed = new List<string>();
        foreach (var id in assetIds)
        {
            var asset = await inventory.GetAssetAsync(context.Organisation, id, cancellationToken);
            var result = asset is { RemovedAt: null } && await drift.GetAssetAsync(context.Organisation, id, cancellationToken) is { } d && InFamily(context, d.Family) ? Judge(d) : null;
            if (result is null)
            {
                removed.Add(id);
            }
            else
            {
                upserts.Add(result);
            }
        }

        return new CheckDelta(upserts, removed);
    }

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateFamilyAsync(CheckContext context, string family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<CheckObjectResult>();
        if (!InFamily(context, family))
        {
            return results;
        }

        string? after = null;
        do
        {
            var page = await inventory.QueryAssetsAsync(context.Organisation, new AssetFilter { ImageFamily = family }, PageSize, after, cancellationToken);
            foreach (var asset in page.Items.Where(a => a.RemovedAt is null))
            {
                if (await drift.GetAssetAsync(context.Organisation, asset.Asset.Id, cancellationToken) is { } d && Judge(d) is { } result)
                {
                    results.Add(result);
                }
            }

            after = page.NextCursor;
        }
        while (after is not null);

        return results;
    }

    /// <summary>The asset's result from its drift, or null when drift cannot judge it (no evidence).</summary>
    public static CheckObjectResult? Judge(AssetDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        var runs = $"{drift.Family}@{drift.Version}";
        var (passed, reason) = drift.Status switch
        {
            DriftStatus.Compliant => (true, $"runs {runs}, the production version"),
            DriftStatus.Outdated => (false, string.Create(CultureInfo.InvariantCulture,
                $"runs {runs}; production is {drift.ProductionVersion} ({drift.VersionsBehind} version(s) behind{Since(drift.OutdatedSince)})")),
            DriftStatus.Ahead => (false, $"runs {runs}, ahead of production {drift.ProductionVersion} (not released)"),
            _ => (false, string.Empty),
        };
        return drift.Status == DriftStatus.Unknown
            ? null
            : new CheckObjectResult("asset", drift.AssetId, passed, reason) { Environment = drift.Environment, Site = drift.Site, Scope = drift.Family };
    }

    private static bool InFamily(CheckContext context, string? family) =>
        context.Parameters.Text("family") == All || context.Parameters.Text("family") == family;

    private static string Since(long? since) =>
        since is { } s ? ", since " + DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
}
