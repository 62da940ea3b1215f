using Qlrf.Discovery;

namespace Qlrf.Sandbox;

/// <summary>An estate file that cannot be read, naming the file, the line and the field at fault.</summary>
public sealed class EstateFileException(string file, int line, string field, string problem, Exception? inner = null)
    : Exception($"{file}:{line}: {field}: {problem}", inner), IScopedException
{
    public string Scope => File;

    public string File { get; } = file;

    public int Line { get; } = line;

    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
