namespace Qlrf.Sandbox.Yaml;

/// <summary>
/// The lines of a text, read through one reused buffer: a line is a span of the buffer, valid until the next
/// <see cref="Next"/>, so reading a large file allocates no string per line. Lines end at \n or \r\n.
/// </summary>
internal sealed class YamlLines(TextReader reader)
{
    private char[] buffer = new char[1 << 16];
    private int start;
    private int end;
    private int lineStart;
    private int lineLength;
    private bool drained;

    public ReadOnlySpan<char> Current => buffer.AsSpan(lineStart, lineLength);

    public bool Next()
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf('\n');
            if (newline >= 0)
            {
                Take(newline, newline + 1);
                return true;
            }

            if (drained)
            {
                if (start == end)
                {
                    lineLength = 0;
                    return false;
                }

                Take(end - start, end - start);
                return true;
            }

            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = reader.Read(buffer, end, buffer.Length - end);
            drained = read == 0;
            end += read;
        }
    }

    private void Take(int length, int consumed)
    {
        lineStart = start;
        lineLength = length > 0 && buffer[start + length - 1] == '\r' ? length - 1 : length;
        start += consumed;
    }
}
