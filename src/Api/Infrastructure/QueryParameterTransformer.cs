using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Qlrf.Api.Infrastructure;

/// <summary>Adds the query parameters endpoints document with <see cref="QueryParameter"/> to the OpenAPI document.</summary>
internal sealed class QueryParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var parameter in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = parameter.Repeatable
                    ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
                Explode = parameter.Repeatable,
            });
        }

        return Task.CompletedTask;
    }
}
