using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Qlrf.Security;

namespace Qlrf.Functions.Api.Infrastructure;

/// <summary>
/// Endpoint metadata: the one permission the endpoint needs, declared beside the route. By default the
/// caller must hold it over the whole organisation. With <see cref="ScopedInHandler"/>, holding it in any
/// scope lets the call in, and the handler checks it against the scope of the resource it acts on.
/// </summary>
public sealed record RequiresPermission(Permission Permission, bool ScopedInHandler = false);

/// <summary>Endpoint metadata: the endpoint is open to anonymous callers (health probes and the OpenAPI document only).</summary>
public sealed record PublicEndpoint;

public static class EndpointPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, bool scopedInHandler = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission, scopedInHandler));

    public static TBuilder Public<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicEndpoint());
}
