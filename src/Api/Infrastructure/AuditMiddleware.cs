using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Audit;
using Qlrf.Identity;
using Qlrf.Identity.Authentication;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Writes the audit entry of every call to a mutating endpoint (POST, PUT, PATCH, DELETE; not a dry run marked <see cref="ChangesNothing"/>), whatever its
/// outcome, and of every request whose credentials were refused (except on the public probes, which are not
/// rate limited and sign nobody in). It runs outermost, so it sees the final
/// status. An entry names the endpoint, the caller, the target (the created resource's location, else
/// the path) and the status; never the body, the query or a credential. Requests refused by the rate
/// limiter are not written (they did nothing, and writing them would let a flood fill the log).
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditLog audit, IOptions<TenancyOptions> tenancy, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        // The exception handler clears the endpoint when it handles an error; take it before.
        var endpoint = context.GetEndpoint();
        var threw = false;
        try
        {
            await next(context);
        }
        catch
        {
            threw = true;
            throw;
        }
        finally
        {
            await RecordAsync(context, endpoint, request, threw);
        }
    }

    private async Task RecordAsync(HttpContext context, Endpoint? endpoint, RequestContext request, bool threw)
    {
        var status = threw ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var mutating = endpoint is not null && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
            && endpoint.Metadata.GetMetadata<ChangesNothing>() is null;
        // Credentials sent to a public endpoint (a probe) sign nobody in; recording them would let anyone grow the log unthrottled.
        var isPublic = endpoint?.Metadata.GetMetadata<PublicEndpoint>() is not null;
        var refused = context.Request.Headers.Authorization.Count > 0 && !isPublic
            ? (await context.AuthenticateAsync()).Failure as SignInFailedException
            : null;
        if (status == StatusCodes.Status429TooManyRequests || (refused is null && !mutating))
        {
            return;
        }

        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? string.Empty;
        var details = new Dictionary<string, string>(request.AuditDetails, StringComparer.Ordinal)
        {
            ["method"] = context.Request.Method,
            ["route"] = route,
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        AuditEvent entry;
        if (refused is not null)
        {
            details["scheme"] = refused.Scheme;
            details["reason"] = refused.Reason;
            entry = Event(
                refused.Organisation ?? tenancy.Value.DefaultOrganisation,
                refused.KeyId is null ? Principal.Anonymous : Principal.ActorOf(PrincipalKind.ApiKey, refused.KeyId),
                AuditActions.SignInFailed,
                context.Request.Path,
                AuditOutcome.Failed);
        }
        else
        {
            var caller = request.Caller ?? (QlrfClaims.TryGetPrincipal(context.User, out var p) ? p : null);
            entry = Event(
                caller?.Organisation ?? tenancy.Value.DefaultOrganisation,
                caller?.Actor ?? Principal.Anonymous,
                ActionOf(endpoint!, context.Request.Method, route),
                // A self-authenticated endpoint's path may hold its credential (a signed link): name its route instead.
                request.AuditTarget ?? Location(context) ?? (endpoint?.Metadata.GetMetadata<SelfAuthenticated>() is null ? context.Request.Path : "/" + route),
                status switch
                {
                    < 400 => AuditOutcome.Success,
                    StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => AuditOutcome.Denied,
                    _ => AuditOutcome.Failed,
                });
        }

        entry = entry with
        {
            RequestId = Activity.Current?.Id ?? context.TraceIdentifier,
            Source = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            Details = details,
        };
        try
        {
            await audit.AppendAsync(entry, CancellationToken.None);
            IdentityTelemetry.AuditEntries.Add(1, new KeyValuePair<string, object?>("outcome", entry.Outcome.ToString()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            IdentityTelemetry.AuditFailures.Add(1);
            AccessLogs.AuditAppendFailed(logger, entry.Action, entry.Organisation, ex);
        }
    }

    private static AuditEvent Event(string organisation, string actor, string action, string target, AuditOutcome outcome) => new()
    {
        Organisation = organisation,
        Actor = actor,
        Action = action,
        Target = target,
        Outcome = outcome,
    };

    /// <summary>The endpoint's name without <c>Async</c> (<c>CreateRoleBinding</c>), else the method and route.</summary>
    private static string ActionOf(Endpoint endpoint, string method, string route)
    {
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return string.IsNullOrEmpty(name) ? $"{method} /{route}" : name.EndsWith("Async", StringComparison.Ordinal) ? name[..^5] : name;
    }

    private static string? Location(HttpContext context)
    {
        var location = context.Response.Headers.Location.ToString();
        return Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var uri) && location.Length > 0
            ? (uri.IsAbsoluteUri ? uri.AbsolutePath : location)
            : null;
    }
}
