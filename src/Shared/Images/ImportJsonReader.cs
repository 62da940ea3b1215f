using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Qlrf.Errors;

namespace Qlrf.Images;

/// <summary>
/// Reads an imported JSON document (a scanner report, an SBOM) from a stream in bounded memory: the parser walks
/// the document's outline a token at a time and reads only the small values it keeps (one vulnerability, one
/// package) whole, as <see cref="ImportJson"/> with their JSON path. Only the value being read is buffered,
/// never the document; what the parser does not want is skipped token by token. Broken JSON is reported with
/// its line and position, and nesting deeper than the limit throws <see cref="JsonTooDeepException"/>.
/// </summary>
public sealed class ImportJsonReader : IDisposable
{
    /// <summary>The nesting limit of imports outside the API (the API passes its own, <c>Qlrf:Api:Limits:MaxJsonDepth</c>).</summary>
    public const int DefaultMaxDepth = 64;

    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool final;
    private bool started;
    private JsonReaderState state;

    /// <summary>True after a property name is read, until its value is read or skipped.</summary>
    private bool valuePending;

    public ImportJsonReader(Stream stream, string format, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        this.stream = stream;
        Format = format;
        MaxDepth = maxDepth;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth + 1 });
    }

    /// <summary>The format errors name; a reader that recognises the format from the document sets it when it has.</summary>
    public string Format { get; set; }

    /// <summary>The deepest nesting of objects and arrays allowed.</summary>
    public int MaxDepth { get; }

    /// <summary>The most bytes held at once: the largest single value read whole, plus what was read ahead.</summary>
    public int BufferBytes => buffer.Length;

    public ImportFormatException Error(string path, string problem) => new(Format, path, problem);

    /// <summary>The kind of the next token, without reading it; <see cref="JsonTokenType.None"/> at the end of the document.</summary>
    public async ValueTask<JsonTokenType> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryRead(consume: false, out var type, out _))
            {
                return type;
            }

            if (final)
            {
                return JsonTokenType.None;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The properties of the object that comes next, by name. The caller reads the value of each (whole, as items or
    /// as properties) or leaves it, and then it is skipped.
    /// </summary>
    public async IAsyncEnumerable<string> PropertiesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        valuePending = false;
        var (type, _) = await ReadTokenAsync(cancellationToken);
        if (type != JsonTokenType.StartObject)
        {
            throw Error(path, $"expected an object, found {Describe(type)}");
        }

        while (true)
        {
            var (next, name) = await ReadTokenAsync(cancellationToken);
            if (next == JsonTokenType.EndObject)
            {
                yield break;
            }

            if (next != JsonTokenType.PropertyName)
            {
                throw new InvalidOperationException($"The reader is out of step at {path}: {next} where a property name belongs.");
            }

            valuePending = true;
            yield return name!;
            if (valuePending)
            {
                await SkipValueAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// The items of the array that comes next, by JSON path (<c>$.Results[3]</c>); none when the value is null. The
    /// caller reads each item (whole or as properties) or leaves it, and then it is skipped.
    /// </summary>
    public async IAsyncEnumerable<string> ItemsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        valuePending = false;
        var (type, _) = await ReadTokenAsync(cancellationToken);
        if (type == JsonTokenType.Null)
        {
            yield break;
        }

        if (type != JsonTokenType.StartArray)
        {
            throw Error(path, $"expected an array, found {Describe(type)}");
        }

        for (var i = 0; ; i++)
        {
            if (await PeekAsync(cancellationToken) == JsonTokenType.EndArray)
            {
                await ReadTokenAsync(cancellationToken);
                yield break;
            }

            valuePending = true;
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (valuePending)
            {
                await SkipValueAsync(cancellationToken);
            }
        }
    }

    /// <summary>Reads the value that comes next whole (a property's value, or an array item).</summary>
    public async ValueTask<ImportJson> ReadValueAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadValue(out var element))
            {
                valuePending = false;
                return new ImportJson(element, path, Format);
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Skips the value that comes next, token by token, holding no more of it than one buffer.</summary>
    public async ValueTask SkipValueAsync(CancellationToken cancellationToken)
    {
        valuePending = false;
        var (type, _) = await ReadTokenAsync(cancellationToken);
        if (type is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = Depth();
        while (!TrySkipTo(depth))
        {
            await FillAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    internal static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private async ValueTask<(JsonTokenType Type, string? Name)> ReadTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryRead(consume: true, out var type, out var name))
            {
                return (type, name);
            }

            if (final)
            {
                return (JsonTokenType.None, null);
            }

            await FillAsync(cancellationToken);
        }
    }

    private bool TryRead(bool consume, out JsonTokenType type, out string? name)
    {
        var reader = Reader();
        try
        {
            if (!reader.Read())
            {
                type = JsonTokenType.None;
                name = null;
                return false;
            }
        }
        catch (JsonException ex)
        {
            throw Broken(ex);
        }

        type = reader.TokenType;
        CheckDepth(type, reader.CurrentDepth);
        name = consume && type == JsonTokenType.PropertyName ? reader.GetString() : null;
        if (consume)
        {
            Commit(ref reader);
        }

        return true;
    }

    private bool TryReadValue(out JsonElement element)
    {
        element = default;
        var reader = Reader();
        int from;
        try
        {
            if (!reader.Read())
            {
                return final ? throw Error("$", "ends where a value was expected") : false;
            }

            from = (int)reader.TokenStartIndex;
            CheckDepth(reader.TokenType, reader.CurrentDepth);
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
            {
                throw new InvalidOperationException($"No value comes next (the next token is {reader.TokenType}).");
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !TrySkipWithin(ref reader, reader.CurrentDepth))
            {
                return false;
            }
        }
        catch (JsonException ex)
        {
            throw Broken(ex);
        }

        var value = new Utf8JsonReader(buffer.AsSpan(start + from, (int)reader.BytesConsumed - from), new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        element = JsonElement.ParseValue(ref value);
        Commit(ref reader);
        return true;
    }

    /// <summary>Reads on to the end of the object or array opened at <paramref name="depth"/>, committing what it reads.</summary>
    private bool TrySkipTo(int depth)
    {
        var reader = Reader();
        try
        {
            var done = TrySkipWithin(ref reader, depth);
            Commit(ref reader);
            return done;
        }
        catch (JsonException ex)
        {
            throw Broken(ex);
        }
    }

    private bool TrySkipWithin(ref Utf8JsonReader reader, int depth)
    {
        while (reader.Read())
        {
            CheckDepth(reader.TokenType, reader.CurrentDepth);
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The depth of the token just read (a fresh reader on the saved state knows it).</summary>
    private int Depth() => Reader().CurrentDepth;

    private Utf8JsonReader Reader() => new(buffer.AsSpan(start, end - start), final, state);

    private void Commit(ref Utf8JsonReader reader)
    {
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }

    private void CheckDepth(JsonTokenType type, int depth)
    {
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray && depth >= MaxDepth)
        {
            throw new JsonTooDeepException(MaxDepth);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            // One value larger than the buffer: it is read whole, so the buffer grows to hold it.
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        if (read == 0)
        {
            final = true;
            if (!started && end == 0)
            {
                throw Error("the document", "is empty");
            }
        }

        started = true;
        end += read;
    }

    private ImportFormatException Broken(JsonException ex) =>
        Error(
            ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}") : "the document",
            "not valid JSON");
}
