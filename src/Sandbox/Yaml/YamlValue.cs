namespace Qlrf.Sandbox.Yaml;

/// <summary>A value read by <see cref="EstateYamlParser"/>, with the 1-based line it starts on.</summary>
internal abstract class YamlValue(int line)
{
    public int Line { get; private protected set; } = line;
}

/// <summary>A scalar: the plain text as written, or a quoted text unescaped. Reused by the parser once read.</summary>
internal sealed class YamlText(int line, string value) : YamlValue(line)
{
    public string Value { get; private set; } = value;

    public YamlText Reset(int line, string value)
    {
        Line = line;
        Value = value;
        return this;
    }
}

/// <summary>A mapping; the estate's mappings are small, so a key is found by a scan. Reused by the parser once read.</summary>
internal sealed class YamlMap(int line) : YamlValue(line)
{
    private readonly List<YamlEntry> entries = new(8);

    public IReadOnlyList<YamlEntry> Entries => entries;

    public YamlValue? this[string key]
    {
        get
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public bool Contains(string key) => this[key] is not null;

    public void Add(YamlEntry entry) => entries.Add(entry);

    public YamlMap Reset(int line)
    {
        Line = line;
        entries.Clear();
        return this;
    }
}

internal readonly record struct YamlEntry(string Key, int Line, YamlValue Value);

/// <summary>A sequence; when its items were streamed to a handler it holds none of them.</summary>
internal sealed class YamlList(int line) : YamlValue(line)
{
    public List<YamlValue> Items { get; } = [];
}
