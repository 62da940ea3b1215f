using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Qlrf.Errors;

namespace Qlrf.Functions.Api.Infrastructure;

/// <summary>
/// The one place exceptions become responses: RFC 9457 ProblemDetails, a field named for bad input,
/// and never a stack trace. Anything unexpected is logged and answered with a bare 500.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [v.Field] = [v.Detail] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Detail = $"{v.Field}: {v.Detail}",
            },
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
}
