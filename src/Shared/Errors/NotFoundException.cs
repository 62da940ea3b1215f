namespace Qlrf.Errors;

/// <summary>The resource does not exist in the caller's organisation. The API answers 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
