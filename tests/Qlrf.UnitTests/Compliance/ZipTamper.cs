using System.IO.Compression;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Rewrites a ZIP with one entry's content changed, or an entry added or removed: what a tamperer would do.</summary>
internal static class ZipTamper
{
    /// <summary>The pack with one byte of <paramref name="path"/>'s content flipped (the byte in its middle).</summary>
    public static byte[] FlipByte(byte[] zip, string path) => Rewrite(zip, (name, content) =>
    {
        if (name != path)
        {
            return content;
        }

        var changed = content.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        return changed;
    });

    public static byte[] Remove(byte[] zip, string path) => Rewrite(zip, (name, content) => name == path ? null : content);

    public static byte[] Add(byte[] zip, string path, byte[] content)
    {
        using var output = new MemoryStream();
        output.Write(zip);
        using (var archive = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = archive.CreateEntry(path).Open();
            stream.Write(content);
        }

        return output.ToArray();
    }

    public static byte[] Read(byte[] zip, string path)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static IReadOnlyList<string> Names(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]?> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(buffer);
                }

                if (change(entry.FullName, buffer.ToArray()) is { } content)
                {
                    using var stream = target.CreateEntry(entry.FullName).Open();
                    stream.Write(content);
                }
            }
        }

        return output.ToArray();
    }
}
