using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Inventory;

namespace Qlrf.Api.Assets;

/// <summary>The inventory's HTTP functions: assets and sites of the caller's organisation.</summary>
public sealed class AssetsFunctions(IInventoryStore inventory, RequestContext request)
{
    public const string Listing = "assets";

    /// <summary>The longest history returned with an asset.</summary>
    public const int HistoryLimit = 200;

    public async Task<Ok<PageResponse<AssetResource>>> ListAssetsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var facets = await inventory.GetFacetsAsync(request.Organisation, cancellationToken);
        var filter = new AssetFilter
        {
            Platform = Query.Enum<Platform>(query, "platform"),
            Site = Query.OneOf(query, "site", facets.Sites),
            Environment = Query.OneOf(query, "environment", facets.Environments),
            ImageFamily = Query.OneOf(query, "imageFamily", facets.ImageFamilies),
            State = Query.Enum<AssetState>(query, "state"),
            Tags = Tags(query),
        };
        var page = PageRequest.From(query, Listing);
        var result = await inventory.QueryAssetsAsync(request.Organisation, filter, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<AssetResource>(
            result.Items.Select(AssetResource.From).ToList(),
            PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<AssetDetail>> GetAssetAsync(string id, CancellationToken cancellationToken)
    {
        var asset = await inventory.GetAssetAsync(request.Organisation, id, cancellationToken)
            ?? throw new NotFoundException($"There is no asset '{id}'.");
        var history = await inventory.GetHistoryAsync(request.Organisation, id, HistoryLimit, cancellationToken);
        return TypedResults.Ok(new AssetDetail(AssetResource.From(asset), history));
    }

    public async Task<Ok<IReadOnlyList<Site>>> ListSitesAsync(CancellationToken cancellationToken) =>
        TypedResults.Ok(await inventory.ListSitesAsync(request.Organisation, cancellationToken));

    private static List<KeyValuePair<string, string>> Tags(IQueryCollection query)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var value in query["tag"])
        {
            var text = value?.Trim() ?? string.Empty;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RequestValidationException("tag", $"'{text}' must be key:value.");
            }

            tags.Add(new(text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        return tags;
    }
}
