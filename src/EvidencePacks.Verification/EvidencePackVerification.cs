namespace Qlrf.Compliance.EvidencePacks;

/// <summary>A problem verification found: the file (or <c>index.json</c>, its signature, or the archive) and what is wrong with it.</summary>
public sealed record EvidencePackProblem(string Path, string Problem);

/// <summary>
/// The verdict on a pack: verified when every file index.json lists is there with its hash and size, nothing else is,
/// and the signature over index.json verifies with the key used (<see cref="KeySource"/>: <c>given</c> or <c>pack</c>).
/// </summary>
public sealed record EvidencePackVerification(
    bool Verified,
    string? PackId,
    int FilesChecked,
    bool SignatureValid,
    string KeySource,
    string? KeyFingerprint,
    IReadOnlyList<EvidencePackProblem> Problems);
