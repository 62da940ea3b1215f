using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Qlrf.Identity;
using Qlrf.Identity.Authentication;
using Qlrf.Security;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Lets a request through to its endpoint only when the caller is signed in (else 401) and holds the
/// endpoint's declared permission (else 403), and scopes the request to the caller's organisation. An
/// endpoint that declares no permission is closed to everyone. A signed-in caller using a method a
/// path does not serve gets routing's 405.
/// </summary>
public sealed class AccessGateMiddleware(RequestDelegate next, ILogger<AccessGateMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestContext request, IAccessEvaluator access)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(access);
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<PublicEndpoint>() is not null)
        {
            await next(context);
            return;
        }

        if (!QlrfClaims.TryGetPrincipal(context.User, out var principal))
        {
            await ApiProblems.UnauthorizedAsync(context);
            return;
        }

        var caller = await access.ResolveAsync(principal, context.RequestAborted);
        (request.Caller, request.Organisation, request.Actor) = (caller, caller.Organisation, caller.Actor);
        if (endpoint is not RouteEndpoint)
        {
            // Routing's own rejection (a path served only for other methods answers 405 with Allow): it
            // reaches no handler, so there is nothing to authorise.
            await next(context);
            return;
        }

        var requirement = endpoint.Metadata.GetMetadata<RequiresPermission>();
        if (requirement is null)
        {
            AccessLogs.EndpointWithoutPermission(logger, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "?");
        }

        var allowed = requirement switch
        {
            null => false,
            { ScopedInHandler: true } => AccessPolicy.HoldsAnywhere(caller, requirement.Permission),
            _ => AccessPolicy.Allows(caller, requirement.Permission, AccessScope.Of(caller.Organisation)),
        };
        if (!allowed)
        {
            var permission = requirement?.Permission ?? Permission.ManageRbac;
            IdentityTelemetry.AccessDenied.Add(1, new KeyValuePair<string, object?>("permission", PermissionNames.Of(permission)));
            AccessLogs.AccessDenied(logger, caller.Actor, caller.Organisation, permission, context.Request.Method, context.Request.Path);
            await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden.", requirement is null
                ? "This endpoint declares no permission."
                : $"This needs the permission {PermissionNames.Of(permission)} over the organisation.");
            return;
        }

        await next(context);
    }
}
