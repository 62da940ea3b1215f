using Qlrf.Compliance;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Api.Compliance;

/// <summary>What <c>POST /api/v1/compliance/evidence-packs</c> takes: a framework, a date range (<c>to</c> exclusive) and environments (none: all).</summary>
public sealed record CreateEvidencePackBody(string? Framework, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string?>? Environments);

/// <summary>
/// An evidence pack as the API shows it: its request, status and progress (the orchestration's runtime status beside
/// the build's last step), and once stored its files, size, SHA-256 and signature, with links to its content and verification.
/// </summary>
public sealed record EvidencePackResource(
    string Id,
    EvidencePackStatus Status,
    string Framework,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> Environments,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    EvidencePackProgress Progress,
    string? RuntimeStatus,
    int FileCount,
    long? Size,
    string? Sha256,
    EvidencePackSigner? Signature,
    string? Error,
    IReadOnlyList<EvidencePackFileEntry>? Files,
    EvidencePackLinks Links)
{
    public static EvidencePackResource Of(EvidencePack pack, string? runtimeStatus, bool withFiles)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new(
            pack.Id,
            pack.Status,
            pack.Framework,
            pack.From,
            pack.To,
            pack.Environments,
            pack.RequestedBy,
            pack.CreatedAt,
            pack.CompletedAt,
            pack.Progress,
            runtimeStatus,
            pack.Files.Count,
            pack.Size,
            pack.Sha256,
            pack.Signature,
            pack.Error,
            withFiles ? pack.Files : null,
            new EvidencePackLinks(
                Routes.PathOf(Routes.EvidencePack, pack.Id),
                pack.Status == EvidencePackStatus.Completed ? Routes.PathOf(Routes.EvidencePackContent, pack.Id) : null,
                pack.Status == EvidencePackStatus.Completed ? Routes.PathOf(Routes.EvidencePackVerify, pack.Id) : null));
    }
}

public sealed record EvidencePackLinks(string Self, string? Content, string? Verify);
