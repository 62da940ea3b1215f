using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Qlrf.Inventory;

/// <summary>
/// SHA-256 over a length-prefixed canonical encoding of a normalised asset. Two assets hash alike
/// exactly when discovery would call them equal; the hash is stable across processes and versions.
/// </summary>
public static class AssetContentHash
{
    /// <summary>Version of the encoding; bump it when the encoding changes so stored hashes are not compared across encodings.</summary>
    public const byte EncodingVersion = 1;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    public static string Compute(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var writer = buffer ??= new ArrayBufferWriter<byte>(1024);
        writer.ResetWrittenCount();
        writer.GetSpan(1)[0] = EncodingVersion;
        writer.Advance(1);
        Write(writer, asset.Id);
        Write(writer, asset.Name);
        Write(writer, (int)asset.Platform);
        Write(writer, asset.Site);
        Write(writer, asset.Environment);
        Write(writer, asset.Image is null ? 0 : 1);
        Write(writer, asset.Image?.Family);
        Write(writer, asset.Image?.Version);
        Write(writer, asset.Image?.Reference);
        Write(writer, (int)asset.State);
        Write(writer, (int)asset.Health);
        Write(writer, asset.Tags.Count);
        foreach (var (key, value) in asset.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Write(writer, key);
            Write(writer, value);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(writer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void Write(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            Write(writer, -1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = writer.GetSpan(max + sizeof(int));
        var written = Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
        BitConverter.TryWriteBytes(span, written);
        writer.Advance(written + sizeof(int));
    }

    private static void Write(ArrayBufferWriter<byte> writer, int value)
    {
        BitConverter.TryWriteBytes(writer.GetSpan(sizeof(int)), value);
        writer.Advance(sizeof(int));
    }
}
