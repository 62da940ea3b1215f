using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Reads a JSON request body; a body that does not parse is a 400 naming where it failed, and one that
/// nests deeper than <see cref="ApiLimitsOptions.MaxJsonDepth"/> is a 400 naming <c>body</c>. The body is
/// read whole, within the request body limit.
/// </summary>
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

        var maxDepth = request.HttpContext.RequestServices.GetService<IOptions<ApiLimitsOptions>>()?.Value.MaxJsonDepth ?? new ApiLimitsOptions().MaxJsonDepth;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        CheckDepth(json.Span, maxDepth);
        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, QlrfJson.Options);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw new RequestValidationException(field, ex.LineNumber is { } line
                ? $"is not valid JSON for this request (line {line + 1}, position {ex.BytePositionInLine + 1})."
                : "is not valid JSON for this request.");
        }
    }

    private static void CheckDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 2 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    throw new RequestValidationException("body", $"nests objects and arrays deeper than {maxDepth} levels.");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON; deserializing says where.
        }
    }
}
