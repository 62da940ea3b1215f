using System.Text;

namespace Qlrf.Sandbox.Yaml;

/// <summary>
/// A streaming reader of the YAML the estate format uses, one line at a time: block mappings and lists, one-line
/// <c>{ }</c> and <c>[ ]</c> collections, plain, "double" and 'single' quoted one-line scalars, comments, and an
/// optional leading <c>---</c>. Anything else (anchors, aliases, tags, block scalars, multi-line scalars, tabs
/// for indentation, more than one document) is refused with the file and line. The items of a chosen root list
/// are handed over one at a time and their nodes reused, and texts that repeat are one string, so a large estate
/// is never held as a tree and reading it allocates little more than the assets it yields.
/// </summary>
internal sealed class EstateYamlParser
{
    /// <summary>Distinct texts kept for reuse: enough for the names, sites, versions and tags an estate repeats.</summary>
    private const int MaxPooledTexts = 8192;

    private readonly YamlLines lines;
    private readonly string label;
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Stack<YamlMap> spareMaps = new();
    private readonly Stack<YamlText> spareTexts = new();
    private bool atEnd;
    private int number;
    private int indent;
    private bool started;

    public EstateYamlParser(TextReader reader, string label)
    {
        lines = new YamlLines(reader);
        this.label = label;
        lookup = texts.GetAlternateLookup<ReadOnlySpan<char>>();
        Advance();
    }

    private ReadOnlySpan<char> Line => lines.Current;

    /// <summary>The root mapping (empty so far), or null when the file is empty or its root is not a mapping.</summary>
    public YamlMap? BeginRoot() =>
        !atEnd && indent == 0 && !IsListItem() && TryKey(out _, out _) ? NewMap(number) : null;

    /// <summary>
    /// Reads the root mapping's entries into <paramref name="root"/>. Where <paramref name="streamed"/> returns a
    /// handler for a key whose value is a block list, each item goes to the handler as soon as it is read and the
    /// list kept in the root holds none of them; an item the handler does not keep (it returns false) is reused.
    /// </summary>
    public void ReadRoot(YamlMap root, Func<string, Func<YamlValue, bool>?> streamed)
    {
        ReadEntries(root, 0, streamed);
        if (!atEnd)
        {
            throw Syntax("unexpected indentation.");
        }
    }

    private void ReadEntries(YamlMap map, int at, Func<string, Func<YamlValue, bool>?>? streamed)
    {
        while (!atEnd && indent == at)
        {
            if (IsListItem())
            {
                throw Syntax("a list item where 'key: value' was expected.");
            }

            if (!TryKey(out var key, out var after))
            {
                throw Syntax("expected 'key: value'.");
            }

            if (map.Contains(key))
            {
                throw Syntax($"Duplicate key '{key}'.");
            }

            var line = number;
            map.Add(new YamlEntry(key, line, ValueAfterKey(after, at, line, streamed?.Invoke(key))));
        }

        if (!atEnd && indent > at)
        {
            throw Syntax("unexpected indentation.");
        }
    }

    private YamlValue ValueAfterKey(int after, int at, int line, Func<YamlValue, bool>? items)
    {
        var current = Line;
        var p = SkipSpaces(current, after);
        if (p < current.Length && current[p] != '#')
        {
            return InlineToLineEnd(p, at);
        }

        Advance();
        if (!atEnd && indent > at)
        {
            return Block(at, items);
        }

        // A list may sit at its key's own indentation.
        return !atEnd && indent == at && IsListItem() ? List(at, items) : NewText(line, string.Empty);
    }

    /// <summary>A node starting at the current line's content, nested under a parent at <paramref name="parent"/>.</summary>
    private YamlValue Block(int parent, Func<YamlValue, bool>? items)
    {
        if (IsListItem())
        {
            return List(indent, items);
        }

        if (TryKey(out _, out _))
        {
            var map = NewMap(number);
            ReadEntries(map, indent, null);
            return map;
        }

        return InlineToLineEnd(indent, parent);
    }

    private YamlList List(int at, Func<YamlValue, bool>? items)
    {
        var list = new YamlList(number);
        while (!atEnd && indent == at && IsListItem())
        {
            var line = number;
            var current = Line;
            var p = SkipSpaces(current, at + 1);
            YamlValue item;
            if (p >= current.Length || current[p] == '#')
            {
                Advance();
                item = !atEnd && indent > at ? Block(at, null) : NewText(line, string.Empty);
            }
            else
            {
                // "- key: value" and "- - item": the item's own indentation is where its content starts.
                indent = p;
                item = Block(at, null);
            }

            if (items is null)
            {
                list.Items.Add(item);
            }
            else if (!items(item))
            {
                Reuse(item);
            }
        }

        if (!atEnd && indent > at)
        {
            throw Syntax("unexpected indentation.");
        }

        return list;
    }

    private YamlValue InlineToLineEnd(int p, int parent)
    {
        var value = Inline(ref p, flow: false);
        var current = Line;
        p = SkipSpaces(current, p);
        if (p < current.Length && current[p] != '#')
        {
            throw Syntax($"unexpected text after the value: '{current[p..].TrimEnd().ToString()}'.");
        }

        Advance();
        if (!atEnd && indent > parent)
        {
            throw Syntax("unexpected indentation (a value must fit on its line; nested entries go on the lines after a key that ends with ':').");
        }

        return value;
    }

    private YamlValue Inline(ref int p, bool flow)
    {
        var current = Line;
        var line = number;
        switch (current[p])
        {
            case '"':
                return NewText(line, DoubleQuoted(ref p));
            case '\'':
                return NewText(line, SingleQuoted(ref p));
            case '{':
                return FlowMap(ref p);
            case '[':
                return FlowList(ref p);
            case '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?':
                throw Syntax($"'{current[p]}' starts a YAML feature the estate format does not use (anchors, aliases, tags, block scalars, complex keys); quote the value.");
            case '-' when !flow && (p + 1 == current.Length || IsSpace(current[p + 1])):
                throw Syntax("a list item cannot follow a key on its line; put the items on the lines below.");
            case ',' or ']' or '}' when flow:
                throw Syntax($"expected a value before '{current[p]}'.");
            default:
                return NewText(line, Plain(ref p, flow));
        }
    }

    private string Plain(ref int p, bool flow)
    {
        var current = Line;
        var start = p;
        var end = p;
        for (; p < current.Length; p++)
        {
            var c = current[p];
            if (c == '#' && p > start && IsSpace(current[p - 1]))
            {
                break;
            }

            if (c == ':' && (p + 1 == current.Length || IsSpace(current[p + 1]) || (flow && current[p + 1] is ',' or ']' or '}')))
            {
                if (!flow)
                {
                    throw Syntax("a plain value cannot hold ': ' or end with ':'; quote it.");
                }

                break;
            }

            if (flow && c is ',' or '[' or ']' or '{' or '}')
            {
                break;
            }

            if (!IsSpace(c))
            {
                end = p + 1;
            }
        }

        return Text(current[start..end]);
    }

    private string DoubleQuoted(ref int p)
    {
        var current = Line;
        var start = ++p;
        var end = current[start..].IndexOfAny('"', '\\');
        if (end >= 0 && current[start + end] == '"')
        {
            p = start + end + 1;
            return Text(current.Slice(start, end));
        }

        var value = new StringBuilder();
        for (; p < current.Length; p++)
        {
            var c = current[p];
            if (c == '"')
            {
                p++;
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++p == current.Length)
            {
                break;
            }

            switch (current[p])
            {
                case '"' or '\\' or '/' or ' ': value.Append(current[p]); break;
                case 'n': value.Append('\n'); break;
                case 't' or '\t': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case 'x': value.Append(Hex(ref p, 2)); break;
                case 'u': value.Append(Hex(ref p, 4)); break;
                case 'U': value.Append(Hex(ref p, 8)); break;
                default: throw Syntax($"'\\{current[p]}' is not an escape this format reads (\\\" \\\\ \\/ \\n \\t \\r \\0 \\x \\u \\U).");
            }
        }

        throw Syntax("a quoted value must close on the line it opens.");
    }

    private string Hex(ref int p, int digits)
    {
        var current = Line;
        if (p + digits >= current.Length
            || !int.TryParse(current.Slice(p + 1, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF
            || code is >= 0xD800 and <= 0xDFFF)
        {
            throw Syntax($"'\\{current[p]}' needs {digits} hexadecimal digits of a character.");
        }

        p += digits;
        return char.ConvertFromUtf32(code);
    }

    private string SingleQuoted(ref int p)
    {
        var current = Line;
        var close = current[(p + 1)..].IndexOf('\'');
        if (close >= 0 && (p + close + 2 == current.Length || current[p + close + 2] != '\''))
        {
            var text = Text(current.Slice(p + 1, close));
            p += close + 2;
            return text;
        }

        var value = new StringBuilder();
        for (p++; p < current.Length; p++)
        {
            if (current[p] != '\'')
            {
                value.Append(current[p]);
            }
            else if (p + 1 < current.Length && current[p + 1] == '\'')
            {
                value.Append('\'');
                p++;
            }
            else
            {
                p++;
                return value.ToString();
            }
        }

        throw Syntax("a quoted value must close on the line it opens.");
    }

    private YamlMap FlowMap(ref int p)
    {
        var current = Line;
        var map = NewMap(number);
        p++;
        while (true)
        {
            p = SkipSpaces(current, p);
            if (p >= current.Length || current[p] == '#')
            {
                throw Syntax("a { } mapping must close on the line it opens.");
            }

            if (current[p] == '}')
            {
                p++;
                return map;
            }

            var key = Inline(ref p, flow: true) as YamlText ?? throw Syntax("a key must be text.");
            p = SkipSpaces(current, p);
            if (p >= current.Length || current[p] != ':')
            {
                throw Syntax($"expected ':' after '{key.Value}' in a {{ }} mapping.");
            }

            p = SkipSpaces(current, p + 1);
            var value = p < current.Length && current[p] is ',' or '}' ? NewText(number, string.Empty) : Inline(ref p, flow: true);
            if (map.Contains(key.Value))
            {
                throw Syntax($"Duplicate key '{key.Value}'.");
            }

            map.Add(new YamlEntry(key.Value, number, value));
            spareTexts.Push(key);
            p = SkipSpaces(current, p);
            if (p >= current.Length || current[p] == '#')
            {
                throw Syntax("a { } mapping must close on the line it opens.");
            }

            if (current[p] == ',')
            {
                p++;
            }
            else if (current[p] != '}')
            {
                throw Syntax("expected ',' or '}' in a { } mapping.");
            }
        }
    }

    private YamlList FlowList(ref int p)
    {
        var current = Line;
        var list = new YamlList(number);
        p++;
        while (true)
        {
            p = SkipSpaces(current, p);
            if (p >= current.Length || current[p] == '#')
            {
                throw Syntax("a [ ] list must close on the line it opens.");
            }

            if (current[p] == ']')
            {
                p++;
                return list;
            }

            list.Items.Add(Inline(ref p, flow: true));
            p = SkipSpaces(current, p);
            if (p >= current.Length || current[p] == '#')
            {
                throw Syntax("a [ ] list must close on the line it opens.");
            }

            if (current[p] == ',')
            {
                p++;
            }
            else if (current[p] != ']')
            {
                throw Syntax("expected ',' or ']' in a [ ] list.");
            }
        }
    }

    /// <summary>Whether the current content is a block mapping's <c>key:</c>, and the key and the column after its colon.</summary>
    private bool TryKey(out string key, out int after)
    {
        var current = Line;
        var p = indent;
        key = string.Empty;
        after = 0;
        if (current[p] is '"' or '\'')
        {
            var quoted = current[p] == '"' ? DoubleQuoted(ref p) : SingleQuoted(ref p);
            p = SkipSpaces(current, p);
            if (p < current.Length && current[p] == ':' && (p + 1 == current.Length || IsSpace(current[p + 1])))
            {
                (key, after) = (quoted, p + 1);
                return true;
            }

            return false;
        }

        if (current[p] is '{' or '[' or '#')
        {
            return false;
        }

        if (current[p] == '?' && (p + 1 == current.Length || IsSpace(current[p + 1])))
        {
            throw Syntax("complex keys ('? ') are not part of the estate format.");
        }

        for (var i = p; i < current.Length; i++)
        {
            if (current[i] == '#' && i > p && IsSpace(current[i - 1]))
            {
                return false;
            }

            if (current[i] == ':' && (i + 1 == current.Length || IsSpace(current[i + 1])))
            {
                if (current[p] is '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`')
                {
                    throw Syntax($"'{current[p]}' starts a YAML feature the estate format does not use (anchors, aliases, tags); quote the key.");
                }

                key = Text(current[p..i].TrimEnd());
                after = i + 1;
                return key.Length > 0;
            }
        }

        return false;
    }

    private bool IsListItem()
    {
        var current = Line;
        return current[indent] == '-' && (indent + 1 == current.Length || IsSpace(current[indent + 1]));
    }

    /// <summary>Moves to the next line with content, skipping blank and comment lines; at the end, atEnd.</summary>
    private void Advance()
    {
        while (true)
        {
            number++;
            if (!lines.Next())
            {
                atEnd = true;
                indent = -1;
                return;
            }

            var line = Line;
            var i = 0;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i == line.Length || line[i] == '#')
            {
                continue;
            }

            if (line[i] == '\t')
            {
                if (line.IsWhiteSpace())
                {
                    continue;
                }

                throw Syntax("a tab indents this line; indent with spaces.");
            }

            indent = i;
            if (i == 0 && IsMarker("---"))
            {
                if (started)
                {
                    throw Syntax("a second document ('---') is not allowed; an estate file is one document.");
                }

                started = true;
                continue;
            }

            if (i == 0 && IsMarker("..."))
            {
                EndDocument();
                return;
            }

            started = true;
            return;
        }
    }

    private void EndDocument()
    {
        while (lines.Next())
        {
            number++;
            var trimmed = Line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                throw Syntax("nothing may follow the end of the document ('...').");
            }
        }

        atEnd = true;
        indent = -1;
    }

    private bool IsMarker(string marker)
    {
        var current = Line;
        if (!current.StartsWith(marker, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = current[marker.Length..];
        if (rest.Length == 0 || rest.Trim().Length == 0 || (IsSpace(rest[0]) && rest.TrimStart()[0] == '#'))
        {
            return true;
        }

        return IsSpace(rest[0]) ? throw Syntax($"content after '{marker}' is not part of the estate format; start it on the next line.") : false;
    }

    private static int SkipSpaces(ReadOnlySpan<char> line, int p)
    {
        while (p < line.Length && IsSpace(line[p]))
        {
            p++;
        }

        return p;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t';

    private EstateFileException Syntax(string problem) => new(label, number, "(syntax)", problem);

    private YamlMap NewMap(int line) => spareMaps.TryPop(out var map) ? map.Reset(line) : new YamlMap(line);

    private YamlText NewText(int line, string value) => spareTexts.TryPop(out var text) ? text.Reset(line, value) : new YamlText(line, value);

    /// <summary>Takes back the nodes of a streamed item its handler did not keep, for the next items.</summary>
    private void Reuse(YamlValue value)
    {
        switch (value)
        {
            case YamlText text:
                spareTexts.Push(text);
                break;
            case YamlMap map:
                foreach (var entry in map.Entries)
                {
                    Reuse(entry.Value);
                }

                spareMaps.Push(map.Reset(0));
                break;
            default:
                break;
        }
    }

    /// <summary>The text of a span, the same string each time for texts that repeat (up to <see cref="MaxPooledTexts"/> distinct ones).</summary>
    private string Text(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return string.Empty;
        }

        if (lookup.TryGetValue(span, out var known))
        {
            return known;
        }

        var text = span.ToString();
        if (texts.Count < MaxPooledTexts)
        {
            texts.Add(text, text);
        }

        return text;
    }
}
