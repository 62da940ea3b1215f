using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Qlrf.Errors;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Endpoint metadata: the endpoint imports a file a tool wrote (a scanner report, an SBOM), sent as the request body.
/// Its body may be as large as <see cref="ApiLimitsOptions.MaxImportBodyBytes"/> instead of
/// <see cref="ApiLimitsOptions.MaxRequestBodyBytes"/>, and it is parsed as it streams in, never held whole.
/// </summary>
public sealed record ImportEndpoint;

public static class ImportBody
{
    /// <summary>Declares that the endpoint imports a file: <see cref="ImportEndpoint"/>.</summary>
    public static TBuilder AcceptsImport<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ImportEndpoint());

    /// <summary>The request body, to stream into a parser; a body declared empty is a 400.</summary>
    public static Stream Open(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength == 0
            ? throw new RequestValidationException("body", "is empty; send the file as the request body.")
            : request.Body;
    }
}
