using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Qlrf.Compliance.Evidence.Blobs;

/// <summary>
/// A write-only stream onto a block blob that stages blocks as it fills them and commits the block list only when
/// <see cref="CommitAsync"/> is called: a write that fails half way leaves the blob as it was (uncommitted blocks are
/// discarded by the service).
/// </summary>
internal sealed class BlockStagingStream(BlockBlobClient blob, string contentType) : Stream
{
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly List<string> blocks = [];
    private readonly MemoryStream buffer = new();
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (buffer.Length > 0 || blocks.Count == 0)
        {
            await StageAsync(cancellationToken);
        }

        await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, BlockSize - (int)buffer.Length);
            buffer.Write(data[..take]);
            written += take;
            data = data[take..];
            if (buffer.Length == BlockSize)
            {
                buffer.Position = 0;
                var id = NextId();
                blob.StageBlock(id, buffer);
                blocks.Add(id);
                buffer.SetLength(0);
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, BlockSize - (int)buffer.Length);
            buffer.Write(data.Span[..take]);
            written += take;
            data = data[take..];
            if (buffer.Length == BlockSize)
            {
                await StageAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            buffer.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        buffer.Position = 0;
        var id = NextId();
        await blob.StageBlockAsync(id, buffer, cancellationToken: cancellationToken);
        blocks.Add(id);
        buffer.SetLength(0);
    }

    private string NextId() => Convert.ToBase64String(Encoding.ASCII.GetBytes(blocks.Count.ToString("D8", CultureInfo.InvariantCulture)));
}
