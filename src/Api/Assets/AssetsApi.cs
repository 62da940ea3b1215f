using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Json;
using Qlrf.Inventory;
using Qlrf.Security;

namespace Qlrf.Api.Assets;

public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Assets, (AssetsFunctions f, HttpRequest r, CancellationToken ct) => f.ListAssetsAsync(r.Query, ct))
            .WithName(nameof(AssetsFunctions.ListAssetsAsync))
            .WithTags("Inventory")
            .WithSummary("Lists the organisation's assets, filtered and paged by cursor.")
            .RequirePermission(Permission.ReadAssets)
            .WithQuery(
                new("platform", string.Join(", ", EnumText<Platform>.All)),
                new("site", "A site name."),
                new("environment", "An environment (prod, staging, dev...)."),
                new("imageFamily", "An image family."),
                new("state", string.Join(", ", EnumText<AssetState>.All)),
                new("tag", "key:value; repeat for more tags, all of which must match.", Repeatable: true))
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.Asset, (AssetsFunctions f, string id, CancellationToken ct) => f.GetAssetAsync(id, ct))
            .WithName(nameof(AssetsFunctions.GetAssetAsync))
            .WithTags("Inventory")
            .WithSummary("Gets an asset with its change history.")
            .RequirePermission(Permission.ReadAssets)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.Sites, (AssetsFunctions f, CancellationToken ct) => f.ListSitesAsync(ct))
            .WithName(nameof(AssetsFunctions.ListSitesAsync))
            .WithTags("Inventory")
            .WithSummary("Lists the organisation's sites.")
            .RequirePermission(Permission.ReadAssets);
        return app;
    }
}
