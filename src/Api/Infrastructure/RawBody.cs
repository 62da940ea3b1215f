using Microsoft.AspNetCore.Http;
using Qlrf.Errors;

namespace Qlrf.Api.Infrastructure;

/// <summary>Reads a request body whole, as bytes, for imports that parse it themselves.</summary>
public static class RawBody
{
    /// <summary>The largest import accepted: 32 MiB (a large image's scanner report is a few MiB).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw new RequestValidationException("body", $"is larger than {MaxBytes / (1024 * 1024)} MiB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new RequestValidationException("body", $"is larger than {MaxBytes / (1024 * 1024)} MiB.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? throw new RequestValidationException("body", "is empty; send the file as the request body.")
            : buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
