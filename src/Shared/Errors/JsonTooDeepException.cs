namespace Qlrf.Errors;

/// <summary>
/// A JSON document (a request body or an imported file) that nests objects and arrays deeper than the limit allows.
/// The API answers it with a 400 naming <c>body</c>, the limit and the setting that sets it.
/// </summary>
public sealed class JsonTooDeepException(int maxDepth)
    : Exception($"The JSON nests objects and arrays deeper than {maxDepth} levels.")
{
    /// <summary>The deepest nesting allowed, in levels of objects and arrays.</summary>
    public int MaxDepth { get; } = maxDepth;
}
