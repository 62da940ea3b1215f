namespace Qlrf.Ai;

/// <summary>The JSON type of a tool's argument.</summary>
public enum AiParameterType
{
    Text,
    TextList,
    Number,
    Boolean,
    TextMap,
}

/// <summary>
/// One argument of a tool: its name, JSON type, meaning, whether required, the values it may take (when closed) and,
/// for integers, its bounds. The tool's JSON schema is written from these, and calls are checked against them.
/// </summary>
public sealed record AiToolParameter(string Name, AiParameterType Type, string Description, bool Required = false)
{
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    /// <summary>The longest string (or list item, or map value) accepted.</summary>
    public int MaxLength { get; init; } = 200;

    /// <summary>The most items a list or map may hold.</summary>
    public int MaxItems { get; init; } = 50;
}
