namespace Qlrf.Compliance;

/// <summary>
/// Evidence packs, keyed by organisation and id: each pack's record and its content (the signed ZIP). Locally files
/// under the host's data directory; on Azure blobs.
/// </summary>
public interface IEvidencePackStore
{
    /// <summary>Stores a new pack's record; when the organisation has one with the same id or idempotency key, returns that one instead.</summary>
    Task<(EvidencePack Pack, bool Created)> CreateAsync(EvidencePack pack, CancellationToken cancellationToken);

    Task<EvidencePack?> GetAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>Changes a pack's record (read, change, write); throws <see cref="Errors.NotFoundException"/> when there is none.</summary>
    Task<EvidencePack> UpdateAsync(string organisation, string id, Func<EvidencePack, EvidencePack> change, CancellationToken cancellationToken);

    /// <summary>The organisation's packs, newest first.</summary>
    Task<IReadOnlyList<EvidencePack>> ListAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the pack's content: <paramref name="write"/> streams the ZIP into the stream given, and the content
    /// replaces any stored before only once it has been written whole.
    /// </summary>
    Task WriteContentAsync(string organisation, string id, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Opens the pack's content (a seekable stream is not promised), or null when none is stored.</summary>
    Task<Stream?> OpenContentAsync(string organisation, string id, CancellationToken cancellationToken);
}
