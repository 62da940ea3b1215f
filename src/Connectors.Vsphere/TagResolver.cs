namespace Qlrf.Connectors.Vsphere;

/// <summary>
/// Turns the tag ids attached to VMs into category name → tag name, looking each tag and category up once
/// per sweep of a vCenter.
/// </summary>
internal sealed class TagResolver(VcenterClient client)
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private readonly Dictionary<string, TagModel> tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> categories = new(StringComparer.Ordinal);

    public async Task<Dictionary<string, IReadOnlyDictionary<string, string>>> ResolveAsync(IEnumerable<string> vms, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var attached in await client.AttachedTagsAsync(vms, cancellationToken))
        {
            var byCategory = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var id in attached.TagIds ?? [])
            {
                var tag = await TagAsync(id, cancellationToken);
                var category = await CategoryAsync(tag.CategoryId, cancellationToken);
                if (!byCategory.TryGetValue(category, out var names))
                {
                    byCategory[category] = names = [];
                }

                names.Add(tag.Name);
            }

            result[attached.ObjectId.Id] = byCategory.ToDictionary(c => c.Key, c => string.Join(',', c.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        }

        return result;
    }

    private async Task<TagModel> TagAsync(string id, CancellationToken cancellationToken)
    {
        if (!tags.TryGetValue(id, out var tag))
        {
            tags[id] = tag = await client.TagAsync(id, cancellationToken);
        }

        return tag;
    }

    private async Task<string> CategoryAsync(string id, CancellationToken cancellationToken)
    {
        if (!categories.TryGetValue(id, out var name))
        {
            categories[id] = name = (await client.CategoryAsync(id, cancellationToken)).Name;
        }

        return name;
    }
}
