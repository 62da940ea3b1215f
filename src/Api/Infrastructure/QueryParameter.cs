using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Qlrf.Api.Infrastructure;

/// <summary>Endpoint metadata documenting a query parameter in the OpenAPI document.</summary>
public sealed record QueryParameter(string Name, string Description, bool Repeatable = false);

public static class QueryParameterExtensions
{
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params QueryParameter[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. parameters]);

    /// <summary>The <c>limit</c> and <c>cursor</c> parameters of every paged listing.</summary>
    public static readonly QueryParameter[] Paging =
    [
        new("limit", $"Items per page, {PageRequest.MinLimit}-{PageRequest.MaxLimit} (default {PageRequest.DefaultLimit})."),
        new("cursor", "The nextCursor of the previous page."),
    ];
}
