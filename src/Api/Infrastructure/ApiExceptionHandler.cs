using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Qlrf.Errors;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// The one place exceptions become responses: RFC 9457 ProblemDetails, a field named for bad input (a body
/// nested too deep, whichever route it came to, names <c>body</c> and the limit), and never a stack trace.
/// Anything unexpected is logged and answered with a bare 500.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = exception switch
        {
            RequestValidationException v => Invalid(v.Field, v.Detail),
            JsonTooDeepException d => Invalid("body", TooDeep(d.MaxDepth)),
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = "The request could not be read.",
                Detail = b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed.",
            },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = f.Message },
            ConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = c.Message, Extensions = new Dictionary<string, object?>(c.Extensions) },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => new ProblemDetails
            {
                Status = 499,
                Title = "The client closed the request.",
            },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            ApiLogs.UnhandledException(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>What a request body (or imported file) nested deeper than the limit is told: that it is too deep, the limit, and its setting.</summary>
    public static string TooDeep(int maxDepth) =>
        $"is too deep: it nests objects and arrays deeper than {maxDepth} levels, the limit {ApiLimitsOptions.Section}:{nameof(ApiLimitsOptions.MaxJsonDepth)} sets.";

    private static HttpValidationProblemDetails Invalid(string field, string detail) =>
        new(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = $"{field}: {detail}",
        };
}
