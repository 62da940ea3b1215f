using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qlrf.Security;

namespace Qlrf.Api.Infrastructure;

/// <summary>Writes each operation's declared permission (or how it authenticates, or that it is public) into its description in the OpenAPI document.</summary>
internal sealed class PermissionTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var access = metadata.OfType<RequiresPermission>().FirstOrDefault() is { } requires
            ? $"Needs `{PermissionNames.Of(requires.Permission)}`{(requires.ScopedInHandler ? " in the scope acted on" : " over the organisation")}; send `Authorization: Bearer <API key or token>`."
            : metadata.OfType<SelfAuthenticated>().FirstOrDefault() is { } self ? $"Authenticated by {self.Mechanism}, not by a QL-RF sign-in; rate limited per client address."
            : metadata.OfType<PublicEndpoint>().Any() ? "Public." : null;
        if (access is not null)
        {
            operation.Description = string.IsNullOrEmpty(operation.Description) ? access : operation.Description + "\n\n" + access;
        }

        return Task.CompletedTask;
    }
}
