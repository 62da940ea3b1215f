using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Compliance.Evidence.Blobs;

/// <summary>
/// Evidence packs as blobs in one container: <c>{organisation}/{id}.json</c> the record (created with If-None-Match,
/// changed with If-Match on its ETag), <c>{organisation}/{id}.zip</c> the content (a block blob whose blocks are staged as
/// they fill and committed only once the pack is written whole), and <c>{organisation}/keys/{sha256 of the idempotency key}</c> naming the pack a key made.
/// </summary>
public sealed class BlobEvidencePackStore(BlobContainerClient container) : IEvidencePackStore
{
    private const int MaxAttempts = 10;
    private int created;

    public async Task<(EvidencePack Pack, bool Created)> CreateAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        await EnsureContainerAsync(cancellationToken);
        if (pack.IdempotencyKey is { } key)
        {
            var keyBlob = container.GetBlobClient($"{Prefix(pack.Organisation)}keys/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");
            try
            {
                await keyBlob.UploadAsync(BinaryData.FromString(pack.Id), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                var id = (await keyBlob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
                if (await GetAsync(pack.Organisation, id, cancellationToken) is { } existing)
                {
                    return (existing, false);
                }

                pack = pack with { Id = id };
            }
        }

        try
        {
            await Record(pack.Organisation, pack.Id).UploadAsync(Serialize(pack), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return (pack, true);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (await GetAsync(pack.Organisation, pack.Id, cancellationToken) ?? throw new ConflictException($"Evidence pack {pack.Id} changed while it was created."), false);
        }
    }

    public async Task<EvidencePack?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        (await ReadAsync(organisation, id, cancellationToken))?.Pack;

    public async Task<EvidencePack> UpdateAsync(string organisation, string id, Func<EvidencePack, EvidencePack> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var (pack, etag) = await ReadAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no evidence pack '{id}'.");
            var changed = change(pack) with { Id = pack.Id, Organisation = pack.Organisation };
            try
            {
                await Record(organisation, id).UploadAsync(Serialize(changed), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } }, cancellationToken);
                return changed;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Changed meanwhile: read it again and reapply the change.
            }
        }
    }

    public async Task<IReadOnlyList<EvidencePack>> ListAsync(string organisation, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var packs = new List<EvidencePack>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix(organisation) }, cancellationToken))
        {
            if (item.Name.EndsWith(".json", StringComparison.Ordinal) && !item.Name.Contains("/keys/", StringComparison.Ordinal)
                && await GetAsync(organisation, Path.GetFileNameWithoutExtension(item.Name), cancellationToken) is { } pack)
            {
                packs.Add(pack);
            }
        }

        return [.. packs.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)];
    }

    public async Task WriteContentAsync(string organisation, string id, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await EnsureContainerAsync(cancellationToken);
        var blob = container.GetBlockBlobClient($"{Prefix(organisation)}{EvidencePackWriter.Segment(id)}.zip");
        var stream = new BlockStagingStream(blob, "application/zip");
        await using (stream)
        {
            await write(stream, cancellationToken);
            await stream.CommitAsync(cancellationToken);
        }
    }

    public async Task<Stream?> OpenContentAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient($"{Prefix(organisation)}{EvidencePackWriter.Segment(id)}.zip");
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static string Prefix(string organisation) => EvidencePackWriter.Segment(organisation) + "/";

    private static BinaryData Serialize(EvidencePack pack) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(pack, QlrfJson.Options));

    private BlobClient Record(string organisation, string id) => container.GetBlobClient($"{Prefix(organisation)}{EvidencePackWriter.Segment(id)}.json");

    private async Task<(EvidencePack Pack, ETag ETag)?> ReadAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Record(organisation, id).DownloadContentAsync(cancellationToken);
            var pack = JsonSerializer.Deserialize<EvidencePack>(content.Value.Content.ToMemory().Span, QlrfJson.Options);
            return pack is not null && pack.Organisation == organisation ? (pack, content.Value.Details.ETag) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref created) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref created, 1);
        }
    }
}
