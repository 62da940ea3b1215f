using System.Net;

namespace Qlrf.Connectors;

/// <summary>
/// A platform call that did not give a usable answer. The message names the operation and what went
/// wrong, never a credential.
/// </summary>
public class ConnectorException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A platform answered with an error status, or could not be reached after every attempt.</summary>
public sealed class ConnectorHttpException : ConnectorException
{
    /// <summary>An error answer: "{operation}: HTTP {status} {detail}".</summary>
    public ConnectorHttpException(string operation, HttpStatusCode status, string detail)
        : base($"{operation}: HTTP {(int)status} {detail}")
    {
        Operation = operation;
        Status = status;
    }

    private ConnectorHttpException(string operation, HttpStatusCode? status, string message, bool _)
        : base(message)
    {
        Operation = operation;
        Status = status;
    }

    public string Operation { get; }

    /// <summary>The last status received; null when no answer came.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Every attempt was throttled or failed transiently: "{operation}: gave up after {n} attempts: {last reason}".</summary>
    public static ConnectorHttpException GaveUp(string operation, HttpStatusCode? lastStatus, int attempts, string lastReason) =>
        new(operation, lastStatus, $"{operation}: gave up after {attempts} attempts: {lastReason}", true);
}

/// <summary>A platform's answer that does not have the documented shape.</summary>
public sealed class MalformedResponseException(string operation, string detail, Exception? inner = null)
    : ConnectorException($"{operation}: malformed response: {detail}", inner)
{
    public string Operation { get; } = operation;
}
