namespace Qlrf.Errors;

/// <summary>The caller is known but lacks the permission for this action here. The API answers 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
