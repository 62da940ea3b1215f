using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Qlrf.Security;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Endpoint metadata: the one permission the endpoint needs, declared beside the route. By default the
/// caller must hold it over the whole organisation. With <see cref="ScopedInHandler"/>, holding it in any
/// scope lets the call in, and the handler checks it against the scope of the resource it acts on.
/// </summary>
public sealed record RequiresPermission(Permission Permission, bool ScopedInHandler = false);

/// <summary>
/// Endpoint metadata: the endpoint is open to callers without a QL-RF sign-in: the health probes and the
/// OpenAPI document, and the <see cref="SelfAuthenticated"/> endpoints.
/// </summary>
public sealed record PublicEndpoint;

/// <summary>
/// Endpoint metadata: the endpoint authenticates its callers by its own mechanism (a Slack request
/// signature, a Bot Framework token, a signed approval link) instead of a QL-RF sign-in. It is public to
/// the access gate, skips QL-RF sign-in, and has a rate limit of its own.
/// </summary>
public sealed record SelfAuthenticated(string Mechanism);

public static class EndpointPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, bool scopedInHandler = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission, scopedInHandler));

    public static TBuilder Public<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicEndpoint());

    /// <summary>Declares that the endpoint authenticates its callers itself, by <paramref name="mechanism"/>, and limits their rate.</summary>
    public static TBuilder AuthenticatedBy<TBuilder>(this TBuilder builder, string mechanism)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicEndpoint(), new SelfAuthenticated(mechanism)).RequireRateLimiting(ApiRateLimiting.ChannelPolicy);
}
