using System.IO.Compression;
using System.Text.Json;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Compliance.Evidence;

public sealed partial class EvidencePackWriter
{
    /// <summary>Adds files to the ZIP, each hashed and measured as it streams in, and records them for index.json.</summary>
    private sealed class Entries(ZipArchive zip, List<EvidencePackFileEntry> files)
    {
        public Task JsonAsync<T>(string path, string kind, T value, CancellationToken cancellationToken) =>
            WriteAsync(path, kind, (stream, ct) => JsonSerializer.SerializeAsync(stream, value, Json, ct), cancellationToken);

        public async Task WriteAsync(string path, string kind, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            var stream = await entry.OpenAsync(cancellationToken);
            await using (stream)
            {
                var hashing = new HashingStream(stream, leaveOpen: true);
                await using (hashing)
                {
                    await write(hashing, cancellationToken);
                    await hashing.FlushAsync(cancellationToken);
                    files.Add(new EvidencePackFileEntry(path, kind, hashing.Sha256(), hashing.Written));
                }
            }
        }

        public static async Task RawAsync(ZipArchive zip, string path, byte[] content, CancellationToken cancellationToken)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            var stream = await entry.OpenAsync(cancellationToken);
            await using (stream)
            {
                await stream.WriteAsync(content, cancellationToken);
            }
        }
    }
}
