using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// Signs a request with AWS Signature Version 4 in the Authorization header. The canonical request is
/// built here (AWSSDK.Core keeps its canonicaliser internal, and needs its own request type); the
/// signing key derivation and signature are AWSSDK.Core's <see cref="AWS4Signer"/>. Verified against
/// AWS's published signing test suite.
/// </summary>
public static class SigV4Signer
{
    /// <summary>Adds <c>Host</c>, <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (session credentials) and <c>Authorization</c>.</summary>
    /// <param name="payload">The request body as sent (empty for none).</param>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> payload, ImmutableCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var signedAt = now.UtcDateTime;
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.Remove("X-Amz-Security-Token");
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var headers = SignedHeaders(request);
        var signedHeaderNames = string.Join(';', headers.Keys);
        var canonical = CanonicalRequest(request.Method.Method, uri, headers, Convert.ToHexStringLower(AWS4Signer.ComputeHash(payload.ToArray())));
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaderNames, canonical);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request of SigV4 (method, path, query, headers, signed header names, payload hash).</summary>
    public static string CanonicalRequest(string method, Uri uri, SortedDictionary<string, string> headers, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        text.Append(method).Append('\n');
        text.Append(CanonicalPath(uri.AbsolutePath)).Append('\n');
        text.Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        text.Append('\n').Append(string.Join(';', headers.Keys)).Append('\n').Append(payloadHash);
        return text.ToString();
    }

    /// <summary>Each path segment, decoded then encoded once as SigV4 requires.</summary>
    public static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(segment => Encode(Uri.UnescapeDataString(segment))));
    }

    /// <summary>Query parameters sorted by encoded name, then value.</summary>
    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var at = p.IndexOf('=', StringComparison.Ordinal);
                var name = at < 0 ? p : p[..at];
                var value = at < 0 ? string.Empty : p[(at + 1)..];
                return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding: unreserved characters kept, every other byte as upper-case %XX.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static SortedDictionary<string, string> SignedHeaders(HttpRequestMessage request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            var lower = name.ToLowerInvariant();
            if (lower is "host" || lower.StartsWith("x-amz-", StringComparison.Ordinal))
            {
                headers[lower] = Trim(string.Join(',', values));
            }
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                var lower = name.ToLowerInvariant();
                if (lower is "content-type")
                {
                    headers[lower] = Trim(string.Join(',', values));
                }
            }
        }

        return headers;
    }

    private static string Trim(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
