using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.ApiKeys;

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.ApiKeys, async (ApiKeysFunctions f, HttpRequest r, HttpResponse response, CancellationToken ct) =>
                await f.CreateApiKeyAsync(await JsonBody.ReadAsync<CreateApiKeyRequest>(r, ct), response, ct))
            .WithName(nameof(ApiKeysFunctions.CreateApiKeyAsync))
            .WithTags("Access")
            .WithSummary("Creates an API key with a role, scope and expiry; the response holds the key, shown this once.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .Accepts<CreateApiKeyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapGet(Routes.ApiKeys, (ApiKeysFunctions f, HttpRequest r, CancellationToken ct) => f.ListApiKeysAsync(r.Query, ct))
            .WithName(nameof(ApiKeysFunctions.ListApiKeysAsync))
            .WithTags("Access")
            .WithSummary("Lists the API keys of the scopes the caller manages, without secrets.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapGet(Routes.ApiKey, (ApiKeysFunctions f, string id, CancellationToken ct) => f.GetApiKeyAsync(id, ct))
            .WithName(nameof(ApiKeysFunctions.GetApiKeyAsync))
            .WithTags("Access")
            .WithSummary("Gets an API key, without its secret.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapDelete(Routes.ApiKey, (ApiKeysFunctions f, string id, CancellationToken ct) => f.RevokeApiKeyAsync(id, ct))
            .WithName(nameof(ApiKeysFunctions.RevokeApiKeyAsync))
            .WithTags("Access")
            .WithSummary("Revokes an API key; it stops working at once.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
