using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Api.Infrastructure;

/// <summary>ProblemDetails answers written by middleware, before any endpoint runs (401, 403, 429).</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    public static Task UnauthorizedAsync(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization.Count > 0;
        context.Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        return WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "Sign-in required.",
            presented
                ? "The credentials were not accepted: the API key is unknown, revoked or expired, or the token is not valid here."
                : "Send 'Authorization: Bearer <API key or token>'.");
    }
}
