using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Qlrf.Security;

namespace Qlrf.Functions.Api.Infrastructure;

/// <summary>Endpoint metadata: the one permission the endpoint needs. Declared beside the route.</summary>
public sealed record RequiresPermission(Permission Permission);

/// <summary>Endpoint metadata: the endpoint is open to anonymous callers (health probes only).</summary>
public sealed record PublicEndpoint;

public static class EndpointPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission));

    public static TBuilder Public<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicEndpoint());
}
