using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Reads a JSON request body, the one way every API body is read. A body that nests deeper than
/// <see cref="ApiLimitsOptions.MaxJsonDepth"/> is a <see cref="JsonTooDeepException"/> (a 400 naming <c>body</c>
/// and the limit); one that does not parse, or has a value of the wrong kind, is a 400 naming the field and
/// saying why (<see cref="JsonBodyProblem"/>: an enum field lists its values). The body is read whole, within
/// the request body limit.
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
        var wellFormed = CheckDepth(json.Span, maxDepth);
        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, QlrfJson.Options);
        }
        catch (JsonException ex)
        {
            throw JsonBodyProblem.Explain(ex, typeof(T), json.Span, wellFormed);
        }
    }

    /// <summary>Throws <see cref="JsonTooDeepException"/> for a body nested too deep; false when it is not JSON at all.</summary>
    private static bool CheckDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 2 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    throw new JsonTooDeepException(maxDepth);
                }
            }

            return true;
        }
        catch (JsonException)
        {
            // Not JSON; deserializing says where.
            return false;
        }
    }
}
