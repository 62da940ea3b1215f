namespace Qlrf.Errors;

/// <summary>The request conflicts with the current state (already running, duplicate, cycle). The API answers 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
