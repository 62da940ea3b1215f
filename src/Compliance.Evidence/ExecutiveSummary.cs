namespace Qlrf.Compliance.Evidence;

/// <summary>What the executive summary shows: the pack, its filters, each framework's score and the failing controls.</summary>
public sealed record ExecutiveSummary(
    string PackId,
    string Organisation,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    Compliance.EvidencePacks.EvidencePackFilters Filters,
    IReadOnlyList<FrameworkResult> Frameworks,
    IReadOnlyDictionary<string, long> Counts);
