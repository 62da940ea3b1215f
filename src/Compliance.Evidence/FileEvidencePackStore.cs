using System.Text.Json;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// Evidence packs as files under a directory (the local host's data directory): <c>{organisation}/{id}.json</c> holds
/// the record and <c>{organisation}/{id}.zip</c> the content, written to a temporary file and moved into place whole.
/// </summary>
public sealed class FileEvidencePackStore(string directory) : IEvidencePackStore, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Directory { get; } = Path.GetFullPath(directory);

    public void Dispose() => gate.Dispose();

    public async Task<(EvidencePack Pack, bool Created)> CreateAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await ReadAsync(pack.Organisation, pack.Id, cancellationToken) is { } existing)
            {
                return (existing, false);
            }

            if (pack.IdempotencyKey is not null && (await ListUnlockedAsync(pack.Organisation, cancellationToken)).FirstOrDefault(p => p.IdempotencyKey == pack.IdempotencyKey) is { } same)
            {
                return (same, false);
            }

            await WriteAsync(pack, cancellationToken);
            return (pack, true);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<EvidencePack?> GetAsync(string organisation, string id, CancellationToken cancellationToken) => ReadAsync(organisation, id, cancellationToken);

    public async Task<EvidencePack> UpdateAsync(string organisation, string id, Func<EvidencePack, EvidencePack> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var pack = await ReadAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no evidence pack '{id}'.");
            var changed = change(pack) with { Id = pack.Id, Organisation = pack.Organisation };
            await WriteAsync(changed, cancellationToken);
            return changed;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<EvidencePack>> ListAsync(string organisation, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ListUnlockedAsync(organisation, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task WriteContentAsync(string organisation, string id, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(organisation, id, ".zip");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (stream)
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenContentAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        var path = PathOf(organisation, id, ".zip");
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    private async Task<IReadOnlyList<EvidencePack>> ListUnlockedAsync(string organisation, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Directory, EvidencePackWriter.Segment(organisation));
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        var packs = new List<EvidencePack>();
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.json"))
        {
            var stream = File.OpenRead(file);
            await using (stream)
            {
                if (await JsonSerializer.DeserializeAsync<EvidencePack>(stream, QlrfJson.Options, cancellationToken) is { } pack && pack.Organisation == organisation)
                {
                    packs.Add(pack);
                }
            }
        }

        return [.. packs.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)];
    }

    private async Task<EvidencePack?> ReadAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        var path = PathOf(organisation, id, ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream)
        {
            var pack = await JsonSerializer.DeserializeAsync<EvidencePack>(stream, QlrfJson.Options, cancellationToken);
            return pack?.Organisation == organisation ? pack : null;
        }
    }

    private async Task WriteAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        var path = PathOf(pack.Organisation, pack.Id, ".json");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(pack, QlrfJson.Options), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string organisation, string id, string extension) =>
        Path.Combine(Directory, EvidencePackWriter.Segment(organisation), EvidencePackWriter.Segment(id) + extension);
}
