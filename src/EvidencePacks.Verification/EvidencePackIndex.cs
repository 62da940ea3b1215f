namespace Qlrf.Compliance.EvidencePacks;

/// <summary>
/// <c>index.json</c>: what the pack holds, when and by whom it was made, its filters, and every file with its SHA-256
/// and size. The detached signature <c>index.json.sig</c> covers its exact bytes; it lists every file of the pack but
/// itself, the signature and the public key.
/// </summary>
public sealed record EvidencePackIndex
{
    /// <summary>The format of this index; a verifier refuses a format it does not know.</summary>
    public required int Format { get; init; }

    public required string PackId { get; init; }

    public required string Organisation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>One line: what the pack evidences.</summary>
    public required string Description { get; init; }

    public required EvidencePackFilters Filters { get; init; }

    /// <summary>How many objects of each kind are in scope (assets, imageVersions, drills, approvals, auditEntries).</summary>
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();

    public required IReadOnlyList<EvidencePackFileEntry> Files { get; init; }
}

/// <summary>The filters the pack was made with: the framework, the date range (<see cref="To"/> exclusive) and the environments (none: all).</summary>
public sealed record EvidencePackFilters(string Framework, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Environments);

/// <summary>A file of the pack: its path inside the ZIP, what it is, its SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record EvidencePackFileEntry(string Path, string Kind, string Sha256, long Size);
