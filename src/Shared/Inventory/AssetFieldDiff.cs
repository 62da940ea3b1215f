namespace Qlrf.Inventory;

/// <summary>Names the fields that differ between two versions of an asset, e.g. <c>image.version</c> or <c>tags.owner</c>.</summary>
public static class AssetFieldDiff
{
    public static IReadOnlyList<string> ChangedFields(Asset before, Asset after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = new List<string>();
        Check(fields, "name", before.Name, after.Name);
        Check(fields, "platform", before.Platform, after.Platform);
        Check(fields, "site", before.Site, after.Site);
        Check(fields, "environment", before.Environment, after.Environment);
        Check(fields, "image.family", before.Image?.Family, after.Image?.Family);
        Check(fields, "image.version", before.Image?.Version, after.Image?.Version);
        Check(fields, "image.reference", before.Image?.Reference, after.Image?.Reference);
        Check(fields, "state", before.State, after.State);
        Check(fields, "health", before.Health, after.Health);
        foreach (var key in before.Tags.Keys.Union(after.Tags.Keys).Order(StringComparer.Ordinal))
        {
            before.Tags.TryGetValue(key, out var was);
            after.Tags.TryGetValue(key, out var now);
            Check(fields, "tags." + key, was, now);
        }

        return fields;
    }

    private static void Check<T>(List<string> fields, string name, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            fields.Add(name);
        }
    }
}
