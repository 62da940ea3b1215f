using System.Net;

namespace Qlrf.Cli.Api;

/// <summary>An error answer of the API (ProblemDetails where it sent one), with the request's id.</summary>
public sealed class ApiProblemException(HttpStatusCode status, string title, string? detail, string requestId, IReadOnlyList<string> errors)
    : Exception($"{(int)status} {title}")
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public string RequestId { get; } = requestId;

    /// <summary>Field errors of a validation problem, as <c>field: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;

    public int ExitCode => Status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Auth,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        _ => ExitCodes.Failed,
    };
}
