using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Route values as the client meant them. Kestrel decodes every escape in the path except <c>%2F</c> (so that a
/// segment stays one segment), and routing copies segments into route values as they stand: an asset id holding
/// <c>/</c> (every cloud connector's) reached its handler with <c>%2F</c> still in it and was not found, and an id
/// holding a literal <c>%2F</c> could not be told from one holding <c>/</c>. Each parameter that fills whole path
/// segments (<c>{id}</c>, or a catch-all <c>{*id}</c>) is taken instead from the request target as it was sent,
/// percent-decoded once. Without that target (a test server), or when it does not line up with the path (dot
/// segments removed), the <c>%2F</c> left in the value is decoded.
/// </summary>
public static class RouteValueDecoder
{
    public static void Decode(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Request.RouteValues;
        if (values.Count == 0 || context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern })
        {
            return;
        }

        // Both start with the empty string before the path's leading '/': segment i of the pattern is [i + 1].
        var path = (context.Request.Path.Value ?? string.Empty).Split('/');
        var sent = SentSegments(context, path.Length);
        for (var i = 0; i < pattern.PathSegments.Count; i++)
        {
            if (pattern.PathSegments[i].Parts is not [RoutePatternParameterPart parameter] || values[parameter.Name] is not string value)
            {
                continue;
            }

            var first = i + 1;
            var end = parameter.IsCatchAll ? path.Length : first + 1;
            values[parameter.Name] = sent is null || first >= end
                ? value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
                : string.Join('/', sent[first..end].Select(Uri.UnescapeDataString));
        }
    }

    /// <summary>The segments of the request target's path as sent, past the path base, or null when they do not line up with the path's.</summary>
    private static string[]? SentSegments(HttpContext context, int count)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var sent = (query < 0 ? target : target[..query]).Split('/');
        var skip = context.Request.PathBase.HasValue ? context.Request.PathBase.Value!.Split('/').Length - 1 : 0;
        return sent.Length == count + skip ? sent[skip..] : null;
    }
}
