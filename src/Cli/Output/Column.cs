using System.Text.Json;

namespace Qlrf.Cli.Output;

/// <summary>A table column: its header and how a row's cell is read from the item.</summary>
public sealed record Column(string Header, Func<JsonElement, string> Cell)
{
    /// <summary>A column of the field at a dotted path, headed by the path's last part.</summary>
    public static implicit operator Column(string path) => Of(path);

    public static Column Of(string path, string? header = null) =>
        new(header ?? path[(path.LastIndexOf('.') + 1)..], e => e.Text(path));
}
