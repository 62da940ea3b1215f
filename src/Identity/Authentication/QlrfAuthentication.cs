using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qlrf.Identity.ApiKeys;

namespace Qlrf.Identity.Authentication;

/// <summary>
/// The authentication schemes. Callers send <c>Authorization: Bearer …</c>; a credential that starts with
/// <c>qlrf_</c> is an API key, anything else is a JWT (refused when JWT sign-in is not configured).
/// </summary>
public static class QlrfAuthentication
{
    /// <summary>The default scheme: picks <see cref="ApiKeyScheme"/> or <see cref="BearerScheme"/> per request.</summary>
    public const string Scheme = "Qlrf";

    public const string ApiKeyScheme = "ApiKey";

    public const string BearerScheme = "Bearer";

    /// <summary>The bearer credential of the request, or null.</summary>
    public static string? ReadBearer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization;
        if (header.Count != 1)
        {
            return null;
        }

        var value = header[0]?.Trim();
        return value is not null && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
    }

    internal static string SelectScheme(HttpContext context)
    {
        var bearer = ReadBearer(context.Request);
        if (bearer is null || bearer.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal))
        {
            return ApiKeyScheme;
        }

        return context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.Enabled ? BearerScheme : ApiKeyScheme;
    }
}
