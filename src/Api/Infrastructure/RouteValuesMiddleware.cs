using Microsoft.AspNetCore.Http;
using Qlrf.Errors;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Makes route values (ids in paths) what the client meant, percent-decoded (<see cref="RouteValueDecoder"/>), then
/// refuses those no resource could have, with a 400 naming the parameter: longer than <see cref="MaxLength"/> or
/// holding control characters. Runs after the access gate, so a caller without the permission learns nothing from it.
/// </summary>
public sealed class RouteValuesMiddleware(RequestDelegate next)
{
    public const int MaxLength = 512;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RouteValueDecoder.Decode(context);
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && (text.Length > MaxLength || text.Any(char.IsControl)))
            {
                throw new RequestValidationException(name, $"must be at most {MaxLength} characters, without control characters.");
            }
        }

        return next(context);
    }
}
