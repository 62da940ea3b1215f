namespace Qlrf.Images.Sbom;

/// <summary>What changed in components from one version to another, by component identity.</summary>
public sealed record ComponentDiff(
    IReadOnlyList<SbomComponent> Added,
    IReadOnlyList<SbomComponent> Removed,
    IReadOnlyList<ComponentChange> Changed,
    int Unchanged)
{
    public static ComponentDiff Between(IReadOnlyList<SbomComponent> from, IReadOnlyList<SbomComponent> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = from.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var after = to.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var added = after.Where(a => !before.ContainsKey(a.Key)).SelectMany(a => a.Value).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var removed = before.Where(b => !after.ContainsKey(b.Key)).SelectMany(b => b.Value).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var changed = new List<ComponentChange>();
        var unchanged = 0;
        foreach (var (key, was) in before.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(key, out var now))
            {
                continue;
            }

            var wasVersions = Versions(was);
            var nowVersions = Versions(now);
            if (wasVersions.SequenceEqual(nowVersions, StringComparer.Ordinal))
            {
                unchanged++;
            }
            else
            {
                changed.Add(new ComponentChange(key, now[0].Name, wasVersions, nowVersions));
            }
        }

        return new ComponentDiff(added, removed, changed, unchanged);
    }

    private static List<string> Versions(List<SbomComponent> components) =>
        components.Select(c => c.Version ?? string.Empty).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>A component present in both versions with different versions of it.</summary>
public sealed record ComponentChange(string Key, string Name, IReadOnlyList<string> FromVersions, IReadOnlyList<string> ToVersions);
