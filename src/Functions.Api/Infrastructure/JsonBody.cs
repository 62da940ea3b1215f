using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Functions.Api.Infrastructure;

/// <summary>Reads a JSON request body; a body that does not parse is a 400 naming where it failed.</summary>
public static class JsonBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Body.CanSeek && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new RequestValidationException("body", "must be JSON (Content-Type: application/json).");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, QlrfJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw new RequestValidationException(field, ex.LineNumber is { } line
                ? $"is not valid JSON for this request (line {line + 1}, position {ex.BytePositionInLine + 1})."
                : "is not valid JSON for this request.");
        }
    }
}
