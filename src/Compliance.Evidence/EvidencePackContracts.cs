namespace Qlrf.Compliance.Evidence;

/// <summary>What starts a pack's orchestration (its instance id is the pack id).</summary>
public sealed record EvidencePackInput(string Organisation, string PackId);

/// <summary>Writes the pack over the scope decided.</summary>
public sealed record WriteEvidencePackInput(string Organisation, string PackId, EvidenceScope Scope);

/// <summary>Marks the pack failed, with why.</summary>
public sealed record FailEvidencePackInput(string Organisation, string PackId, string Reason);

/// <summary>What a step reports back: how many files the pack holds and its size.</summary>
public sealed record EvidencePackStepResult(int Files, long Size);

/// <summary>How the build ended.</summary>
public sealed record EvidencePackOutcome(EvidencePackStatus Status, int Files, long Size, string? Error);

/// <summary>Audit actions the pack's orchestration writes (the API records its own calls under their endpoint names).</summary>
public static class EvidencePackAudit
{
    public const string EvidencePackStored = nameof(EvidencePackStored);

    public const string EvidencePackFailed = nameof(EvidencePackFailed);

    /// <summary>A stored pack was downloaded (the API audits reads of evidence itself).</summary>
    public const string EvidencePackDownloaded = nameof(EvidencePackDownloaded);

    public static string Target(string packId) => "/api/v1/compliance/evidence-packs/" + packId;
}
