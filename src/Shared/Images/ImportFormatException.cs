namespace Qlrf.Images;

/// <summary>
/// A scanner report or SBOM that does not parse as its format: names the format and where parsing
/// failed (a line and position for broken JSON, a JSON path for a missing or mistyped field).
/// </summary>
public sealed class ImportFormatException(string format, string location, string problem)
    : Exception($"{format}: {location}: {problem}")
{
    public string Format { get; } = format;

    public string Location { get; } = location;

    public string Problem { get; } = problem;
}
