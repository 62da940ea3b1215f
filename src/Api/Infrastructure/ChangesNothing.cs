using Microsoft.AspNetCore.Builder;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Endpoint metadata: a POST that changes nothing (a dry run takes its request as a body). The audit log records
/// changes, so it records no entry for such a call.
/// </summary>
public sealed record ChangesNothing;

public static class ChangesNothingExtensions
{
    public static TBuilder ChangesNothing<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ChangesNothing());
}
