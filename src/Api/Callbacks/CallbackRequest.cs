using Microsoft.AspNetCore.Http;

namespace Qlrf.Api.Callbacks;

/// <summary>What the callback handlers read from a request before trusting it.</summary>
internal static class CallbackRequest
{
    /// <summary>The raw body (signatures cover the exact bytes), within the API's request body limit; empty when none was sent.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The id that ties audit entries to the request's logs and trace.</summary>
    public static string IdOf(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
}
