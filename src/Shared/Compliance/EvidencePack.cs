using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Compliance;

/// <summary>Where an evidence pack stands: being built, stored (and signed), or failed.</summary>
public enum EvidencePackStatus
{
    Building,
    Completed,
    Failed,
}

/// <summary>
/// An evidence pack's record: who asked for what (framework, date range, environments), where its build stands, and,
/// once stored, its files, size and signature. The pack's content (the signed ZIP) is stored beside it.
/// </summary>
public sealed record EvidencePack
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string Framework { get; init; }

    /// <summary>The range's start, inclusive.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The range's end, exclusive.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The environments in scope; empty: all.</summary>
    public required IReadOnlyList<string> Environments { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? IdempotencyKey { get; init; }

    public EvidencePackStatus Status { get; init; } = EvidencePackStatus.Building;

    public DateTimeOffset? CompletedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>The ZIP's size in bytes once stored.</summary>
    public long? Size { get; init; }

    /// <summary>The ZIP's SHA-256 once stored.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The files index.json lists, once stored.</summary>
    public IReadOnlyList<EvidencePackFileEntry> Files { get; init; } = [];

    public EvidencePackSigner? Signature { get; init; }

    /// <summary>The build's last step and how many files it had written then.</summary>
    public EvidencePackProgress Progress { get; init; } = new("queued", 0);

    public bool IsTerminal => Status is EvidencePackStatus.Completed or EvidencePackStatus.Failed;
}

/// <summary>A build's step (<c>queued</c>, <c>scoping</c>, <c>writing</c>, <c>verifying</c>, <c>stored</c>, <c>failed</c>) and the files written so far.</summary>
public sealed record EvidencePackProgress(string Step, int FilesWritten);

/// <summary>How the pack is signed: the algorithm (<c>ES256</c>, <c>PS256</c>), the key's fingerprint (SHA-256 of its public key) and where the key came from.</summary>
public sealed record EvidencePackSigner(string Algorithm, string KeyFingerprint, string KeySource);
