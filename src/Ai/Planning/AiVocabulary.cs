namespace Qlrf.Ai.Planning;

/// <summary>
/// The names an organisation's requests may use, read from its own data: environments, sites, image families, DR
/// pairs, patch sets, and tag values by key (<c>app: web</c>). The rule-based planner finds a request's scope in these
/// and nowhere else, so it can only name what exists in the caller's organisation.
/// </summary>
public sealed record AiVocabulary
{
    public IReadOnlySet<string> Environments { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Sites { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Families { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Pairs { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> PatchSets { get; init; } = new HashSet<string>();

    /// <summary>
    /// Certificates by the names a request may use: each certificate's id, and its name where that names one store's
    /// certificate only (a name also served by endpoints means the store's certificate, which is the one rotated).
    /// </summary>
    public IReadOnlyDictionary<string, string> Certificates { get; init; } = new Dictionary<string, string>();

    /// <summary>Tag values by tag key, for the keys that name what a workload is (app, tier, role).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Tags { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
}
