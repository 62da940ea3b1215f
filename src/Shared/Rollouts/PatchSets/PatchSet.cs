using Qlrf.Images.Scanners;

namespace Qlrf.Rollouts.PatchSets;

/// <summary>
/// A patch set from the patch-set catalogue: patches (KB, CVE or package@version ids) applied together to the
/// assets of the image families it names, without changing their image version.
/// </summary>
public sealed record PatchSet(
    string Id,
    string Title,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> Patches,
    Severity Severity,
    bool RebootRequired)
{
    /// <summary>The asset tag that shows a patch set is applied: <c>patch-set.&lt;id&gt;</c> = <see cref="AppliedValue"/>.</summary>
    public const string TagPrefix = "patch-set.";

    public const string AppliedValue = "applied";

    public string Tag => TagOf(Id);

    public bool AppliesTo(string? family) => family is not null && Families.Contains(family, StringComparer.Ordinal);

    public static string TagOf(string id) => TagPrefix + id;
}

/// <summary>The patch-set catalogue at one version of its file.</summary>
public sealed record PatchSetCatalogue(int Version, IReadOnlyList<PatchSet> PatchSets)
{
    public PatchSet? Find(string id) => PatchSets.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
