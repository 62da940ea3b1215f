using System.Globalization;

namespace Qlrf.Sandbox;

/// <summary>
/// Where in an estate file a value sits, as error messages name it (<c>assets[3].image.version</c>); built into text
/// only for an error, so reading a large file makes no string per field.
/// </summary>
internal readonly record struct EstateField(string? List, int Index = -1, string? Group = null, string? Name = null)
{
    public static EstateField Root { get; } = new(null);

    public static EstateField Item(string list, int index) => new(list, index);

    public EstateField In(string group) => this with { Group = group };

    public EstateField Named(string name) => this with { Name = name };

    public override string ToString()
    {
        var text = List ?? string.Empty;
        if (Index >= 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"[{Index}]");
        }

        foreach (var part in (ReadOnlySpan<string?>)[Group, Name])
        {
            if (part is not null)
            {
                text = text.Length == 0 ? part : text + "." + part;
            }
        }

        return text;
    }
}
