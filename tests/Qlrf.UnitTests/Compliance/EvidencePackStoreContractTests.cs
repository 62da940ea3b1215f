using System.IO.Compression;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.Evidence.Blobs;
using Qlrf.Errors;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The same behaviour from both evidence pack stores: files under a directory, and blobs on real Blob Storage (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EvidencePackStoreContractTests(Azurite azurite) : IDisposable
{
    public const string Files = "files";
    public const string Blobs = "blobs";

    private readonly string directory = Directory.CreateTempSubdirectory("qlrf-packs-").FullName;
    private FileEvidencePackStore? files;

    public static TheoryData<string> Backends => [Files, Blobs];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_pack_is_created_once_per_id_and_per_idempotency_key(string backend)
    {
        var store = Store(backend);

        var (first, created) = await store.CreateAsync(Pack("evp-1", "key-1"), default);
        var (again, createdAgain) = await store.CreateAsync(Pack("evp-2", "key-1"), default);
        var (other, createdOther) = await store.CreateAsync(Pack("evp-3", null), default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("evp-1", again.Id);
        Assert.True(createdOther);
        Assert.Equal(["evp-3", "evp-1"], (await store.ListAsync("acme", default)).Select(p => p.Id));
        Assert.Empty(await store.ListAsync("globex", default));
        Assert.Null(await store.GetAsync("globex", "evp-1", default));
        Assert.Equal(first.CreatedAt, (await store.GetAsync("acme", "evp-1", default))!.CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Updates_change_the_record_and_an_unknown_pack_is_not_found(string backend)
    {
        var store = Store(backend);
        await store.CreateAsync(Pack("evp-1", null), default);

        await store.UpdateAsync("acme", "evp-1", p => p with { Status = EvidencePackStatus.Completed, Size = 42, Progress = new("stored", 9) }, default);
        var read = await store.GetAsync("acme", "evp-1", default);

        Assert.Equal(EvidencePackStatus.Completed, read!.Status);
        Assert.Equal(42, read.Size);
        Assert.Equal(new EvidencePackProgress("stored", 9), read.Progress);
        await Assert.ThrowsAsync<NotFoundException>(() => store.UpdateAsync("acme", "evp-9", p => p, default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Content_is_streamed_in_and_read_back_and_a_failed_write_leaves_the_previous_content(string backend)
    {
        var store = Store(backend);
        await store.CreateAsync(Pack("evp-1", null), default);
        Assert.Null(await store.OpenContentAsync("acme", "evp-1", default));
        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);

        await store.WriteContentAsync("acme", "evp-1", async (stream, ct) =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            await using var entry = await zip.CreateEntry("data.bin").OpenAsync(ct);
            await entry.WriteAsync(payload, ct);
        }, default);
        await Assert.ThrowsAsync<IOException>(() => store.WriteContentAsync("acme", "evp-1", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[10], ct);
            throw new IOException("the writer failed");
        }, default));

        await using var read = (await store.OpenContentAsync("acme", "evp-1", default))!;
        using var buffer = new MemoryStream();
        await read.CopyToAsync(buffer);
        buffer.Position = 0;
        using var archive = new ZipArchive(buffer, ZipArchiveMode.Read);
        using var data = new MemoryStream();
        await (await archive.GetEntry("data.bin")!.OpenAsync()).CopyToAsync(data);
        Assert.Equal(payload, data.ToArray());
    }

    public void Dispose()
    {
        files?.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static EvidencePack Pack(string id, string? key) => new()
    {
        Id = id,
        Organisation = "acme",
        Framework = "cis-v8",
        From = EvidencePackSample.Now.AddDays(-30),
        To = EvidencePackSample.Now,
        Environments = ["prod"],
        RequestedBy = "user:alice",
        CreatedAt = EvidencePackSample.Now.AddMinutes(int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)),
        IdempotencyKey = key,
    };

    private IEvidencePackStore Store(string backend)
    {
        if (backend == Blobs)
        {
            return new BlobEvidencePackStore(azurite.NewBlobContainer());
        }

        files = new FileEvidencePackStore(directory);
        return files;
    }
}
