using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rbac;
using Qlrf.Identity.ApiKeys;
using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Api.ApiKeys;

/// <summary>
/// API keys for automation: created with a role, a scope and an expiry, shown once, listed without their
/// secret, revoked. As with bindings, a caller manages the keys of the scopes it holds <c>manage:rbac</c> over.
/// </summary>
public sealed class ApiKeysFunctions(ApiKeyIssuer issuer, IApiKeyStore keys, RequestContext request, TimeProvider time)
{
    public const string Listing = "api-keys";

    public async Task<Created<CreatedApiKeyResource>> CreateApiKeyAsync(CreateApiKeyRequest? body, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (body is null)
        {
            throw new RequestValidationException("body", "is required: name, role, and optionally scope and expiresAt.");
        }

        var role = RbacFunctions.ParseRole(body.Role);
        var scope = RbacFunctions.ParseScope(body.Scope);
        var caller = request.RequireCaller();
        if (!AccessPolicy.Manages(caller, Permission.ManageRbac, scope))
        {
            throw new ForbiddenException($"A key at {scope} needs manage:rbac over {scope} or the whole organisation.");
        }

        request.AuditDetails["role"] = EnumText<Role>.Of(role);
        request.AuditDetails["scope"] = scope.ToString();
        var issued = await issuer.IssueAsync(request.Organisation, body.Name ?? string.Empty, role, scope, body.ExpiresAt, caller.Actor, cancellationToken);
        request.AuditDetails["name"] = issued.Key.Name;
        request.AuditDetails["expiresAt"] = issued.Key.ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created(
            Routes.PathOf(Routes.ApiKey, issued.Key.Id),
            new CreatedApiKeyResource(ApiKeyResource.From(issued.Key, time.GetUtcNow()), issued.Token));
    }

    public async Task<Ok<PageResponse<ApiKeyResource>>> ListApiKeysAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        if (page.After is not null && !ApiKeyToken.IsKeyId(page.After))
        {
            throw new RequestValidationException("cursor", "is not a cursor from this listing.");
        }

        var caller = request.RequireCaller();
        var now = time.GetUtcNow();
        var result = await keys.ListAsync(request.Organisation, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<ApiKeyResource>(
            result.Items.Where(k => AccessPolicy.Manages(caller, Permission.ManageRbac, k.Scope)).Select(k => ApiKeyResource.From(k, now)).ToList(),
            PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<ApiKeyResource>> GetApiKeyAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiKeyResource.From(await FindAsync(id, cancellationToken), time.GetUtcNow()));

    /// <summary>Revokes the key; it stops working at once. Revoking a revoked key changes nothing.</summary>
    public async Task<NoContent> RevokeApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, cancellationToken);
        request.AuditDetails["name"] = key.Name;
        request.AuditDetails["role"] = EnumText<Role>.Of(key.Role);
        _ = await issuer.RevokeAsync(request.Organisation, key.Id, request.Actor, cancellationToken)
            ?? throw new NotFoundException($"There is no API key '{id}'.");
        return TypedResults.NoContent();
    }

    private async Task<ApiKey> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.IsKeyId(id))
        {
            throw new RequestValidationException("id", $"'{id}' is not an API key id (k followed by 20 letters and digits).");
        }

        var key = await keys.GetAsync(request.Organisation, id, cancellationToken);
        return key is not null && AccessPolicy.Manages(request.RequireCaller(), Permission.ManageRbac, key.Scope)
            ? key
            : throw new NotFoundException($"There is no API key '{id}'.");
    }
}
