using Qlrf.Sandbox.Yaml;

namespace Qlrf.Sandbox;

/// <summary>
/// Reads an estate file (YAML) strictly: every problem is reported with the file, line and field, and a
/// file with any problem yields nothing. The file is streamed (<see cref="EstateYamlParser"/>): each asset is
/// checked and built as it is read, so memory holds the assets, not a tree of the file.
/// </summary>
public static class EstateFileReader
{
    public static EstateFile Read(string path, string? displayName = null)
    {
        var label = displayName ?? path;
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Parse(reader, label);
    }

    public static EstateFile Parse(TextReader text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new EstateYamlParser(text, label);
        var root = parser.BeginRoot()
            ?? throw new EstateFileException(label, 1, "(root)", "the file must be a mapping with organisation, sites and assets.");
        var builder = new EstateBuilder(new EstateFields(label), root);
        parser.ReadRoot(root, key => key == "assets" ? builder.Add : null);
        return builder.Finish();
    }
}
