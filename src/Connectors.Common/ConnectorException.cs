using System.Net;

namespace Qlrf.Connectors;

/// <summary>
/// A platform call that did not give a usable answer. The message names the operation and what went
/// wrong, never a credential.
/// </summary>
public class ConnectorException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A platform answered with an error status, or could not be reached after every attempt.</summary>
public sealed class ConnectorHttpException(string operation, HttpStatusCode? status, string detail, Exception? inner = null)
    : ConnectorException(status is { } s ? $"{operation}: HTTP {(int)s} {detail}" : $"{operation}: {detail}", inner)
{
    public string Operation { get; } = operation;

    /// <summary>The last status received; null when no answer came.</summary>
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>A platform's answer that does not have the documented shape.</summary>
public sealed class MalformedResponseException(string operation, string detail, Exception? inner = null)
    : ConnectorException($"{operation}: malformed response: {detail}", inner)
{
    public string Operation { get; } = operation;
}
