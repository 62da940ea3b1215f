using System.Text;

namespace Qlrf.Sandbox.Yaml;

/// <summary>
/// A streaming reader of the YAML the estate format uses, one line at a time: block mappings and lists, one-line
/// <c>{ }</c> and <c>[ ]</c> collections, plain, "double" and 'single' quoted one-line scalars, comments, and an
/// optional leading <c>---</c>. Anything else (anchors, aliases, tags, block scalars, multi-line scalars, tabs
/// for indentation, more than one document) is refused with the file and line. The items of a chosen root list
/// are handed over one at a time and not kept, so a large estate is never held as a tree.
/// </summary>
internal sealed class EstateYamlParser
{
    private readonly TextReader reader;
    private readonly string label;
    private string? text;
    private int number;
    private int indent;
    private bool started;

    public EstateYamlParser(TextReader reader, string label)
    {
        this.reader = reader;
        this.label = label;
        Advance();
    }

    /// <summary>The root mapping (empty so far), or null when the file is empty or its root is not a mapping.</summary>
    public YamlMap? BeginRoot() =>
        text is not null && indent == 0 && !IsListItem() && TryKey(out _, out _) ? new YamlMap(number) : null;

    /// <summary>
    /// Reads the root mapping's entries into <paramref name="root"/>. Where <paramref name="streamed"/> returns a
    /// handler for a key whose value is a block list, each item goes to the handler as soon as it is read and the
    /// list kept in the root holds none of them.
    /// </summary>
    public void ReadRoot(YamlMap root, Func<string, Action<YamlValue>?> streamed)
    {
        ReadEntries(root, 0, streamed);
        if (text is not null)
        {
            throw Syntax("unexpected indentation.");
        }
    }

    private void ReadEntries(YamlMap map, int at, Func<string, Action<YamlValue>?>? streamed)
    {
        while (text is not null && indent == at)
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

        if (text is not null && indent > at)
        {
            throw Syntax("unexpected indentation.");
        }
    }

    private YamlValue ValueAfterKey(int after, int at, int line, Action<YamlValue>? items)
    {
        var current = text!;
        var p = SkipSpaces(current, after);
        if (p < current.Length && current[p] != '#')
        {
            return InlineToLineEnd(p, at);
        }

        Advance();
        if (text is not null && indent > at)
        {
            return Block(at, items);
        }

        // A list may sit at its key's own indentation.
        return text is not null && indent == at && IsListItem() ? List(at, items) : new YamlText(line, string.Empty);
    }

    /// <summary>A node starting at the current line's content, nested under a parent at <paramref name="parent"/>.</summary>
    private YamlValue Block(int parent, Action<YamlValue>? items)
    {
        if (IsListItem())
        {
            return List(indent, items);
        }

        if (TryKey(out _, out _))
        {
            var map = new YamlMap(number);
            ReadEntries(map, indent, null);
            return map;
        }

        return InlineToLineEnd(indent, parent);
    }

    private YamlList List(int at, Action<YamlValue>? items)
    {
        var list = new YamlList(number);
        while (text is not null && indent == at && IsListItem())
        {
            var line = number;
            var current = text;
            var p = SkipSpaces(current, at + 1);
            YamlValue item;
            if (p >= current.Length || current[p] == '#')
            {
                Advance();
                item = text is not null && indent > at ? Block(at, null) : new YamlText(line, string.Empty);
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
            else
            {
                items(item);
            }
        }

        if (text is not null && indent > at)
        {
            throw Syntax("unexpected indentation.");
        }

        return list;
    }

    private YamlValue InlineToLineEnd(int p, int parent)
    {
        var value = Inline(ref p, flow: false);
        var current = text!;
        p = SkipSpaces(current, p);
        if (p < current.Length && current[p] != '#')
        {
            throw Syntax($"unexpected text after the value: '{current[p..].TrimEnd()}'.");
        }

        Advance();
        if (text is not null && indent > parent)
        {
            throw Syntax("unexpected indentation (a value must fit on its line; nested entries go on the lines after a key that ends with ':').");
        }

        return value;
    }

    private YamlValue Inline(ref int p, bool flow)
    {
        var current = text!;
        var line = number;
        switch (current[p])
        {
            case '"':
                return new YamlText(line, DoubleQuoted(ref p));
            case '\'':
                return new YamlText(line, SingleQuoted(ref p));
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
                return new YamlText(line, Plain(ref p, flow));
        }
    }

    private string Plain(ref int p, bool flow)
    {
        var current = text!;
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

        return current[start..end];
    }

    private string DoubleQuoted(ref int p)
    {
        var current = text!;
        var start = ++p;
        var end = current.AsSpan(start).IndexOfAny('"', '\\');
        if (end >= 0 && current[start + end] == '"')
        {
            p = start + end + 1;
            return current.Substring(start, end);
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
        var current = text!;
        if (p + digits >= current.Length
            || !int.TryParse(current.AsSpan(p + 1, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
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
        var current = text!;
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
        var current = text!;
        var map = new YamlMap(number);
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
            var value = p < current.Length && current[p] is ',' or '}' ? new YamlText(number, string.Empty) : Inline(ref p, flow: true);
            if (map.Contains(key.Value))
            {
                throw Syntax($"Duplicate key '{key.Value}'.");
            }

            map.Add(new YamlEntry(key.Value, number, value));
            p = SkipSpaces(current, p);
            if (p < current.Length && current[p] == ',')
            {
                p++;
            }
            else if (p >= current.Length || current[p] != '}')
            {
                throw Syntax("expected ',' or '}' in a { } mapping.");
            }
        }
    }

    private YamlList FlowList(ref int p)
    {
        var current = text!;
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
            if (p < current.Length && current[p] == ',')
            {
                p++;
            }
            else if (p >= current.Length || current[p] != ']')
            {
                throw Syntax("expected ',' or ']' in a [ ] list.");
            }
        }
    }

    /// <summary>Whether the current content is a block mapping's <c>key:</c>, and the key and the column after its colon.</summary>
    private bool TryKey(out string key, out int after)
    {
        var current = text!;
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

                key = current[p..i].TrimEnd();
                after = i + 1;
                return key.Length > 0;
            }
        }

        return false;
    }

    private bool IsListItem()
    {
        var current = text!;
        return current[indent] == '-' && (indent + 1 == current.Length || IsSpace(current[indent + 1]));
    }

    /// <summary>Moves to the next line with content, skipping blank and comment lines; at the end, text is null.</summary>
    private void Advance()
    {
        while (true)
        {
            text = reader.ReadLine();
            number++;
            if (text is null)
            {
                indent = -1;
                return;
            }

            var i = 0;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i == text.Length || text[i] == '#')
            {
                continue;
            }

            if (text[i] == '\t')
            {
                if (string.IsNullOrWhiteSpace(text))
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
        while (reader.ReadLine() is { } rest)
        {
            number++;
            var trimmed = rest.AsSpan().Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                text = rest;
                throw Syntax("nothing may follow the end of the document ('...').");
            }
        }

        text = null;
        indent = -1;
    }

    private bool IsMarker(string marker)
    {
        var current = text!;
        if (!current.StartsWith(marker, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = current.AsSpan(marker.Length);
        if (rest.Length == 0 || rest.Trim().Length == 0 || (IsSpace(rest[0]) && rest.TrimStart()[0] == '#'))
        {
            return true;
        }

        return IsSpace(rest[0]) ? throw Syntax($"content after '{marker}' is not part of the estate format; start it on the next line.") : false;
    }

    private static int SkipSpaces(string line, int p)
    {
        while (p < line.Length && IsSpace(line[p]))
        {
            p++;
        }

        return p;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t';

    private EstateFileException Syntax(string problem) => new(label, number, "(syntax)", problem);
}
