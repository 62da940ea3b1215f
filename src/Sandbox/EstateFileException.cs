using Qlrf.Discovery;

namespace Qlrf.Sandbox;

/// <summary>
/// An estate file that cannot be read, naming the file, the line and the field at fault: its message reads
/// <c>estate.yaml:42: assets[3].platform: …</c>; as a sweep error, the scope is <c>estate.yaml:42</c> (the file alone
/// when no line applies) and the detail the rest.
/// </summary>
public sealed class EstateFileException(string file, int line, string field, string problem, Exception? inner = null)
    : Exception($"{file}:{line}: {field}: {problem}", inner), IScopedException
{
    public string Scope => Line > 0 ? $"{File}:{Line}" : File;

    public string Detail => $"{Field}: {Problem}";

    public string File { get; } = file;

    public int Line { get; } = line;

    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
