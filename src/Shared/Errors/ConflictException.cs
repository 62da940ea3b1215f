namespace Qlrf.Errors;

/// <summary>The request conflicts with the current state (already running, duplicate, cycle). The API answers 409.</summary>
public sealed class ConflictException(string message) : Exception(message)
{
    /// <summary>Facts a client can act on (the states allowed next, say), added to the 409's ProblemDetails as members.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();
}
