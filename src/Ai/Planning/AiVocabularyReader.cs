using Qlrf.Certificates;
using Qlrf.Dr;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Workflows.Rollouts.PatchSets;

namespace Qlrf.Ai.Planning;

/// <summary>Reads an organisation's vocabulary from its own stores: facets, families, DR pairs, the patch-set catalogue, and workload tags.</summary>
public sealed class AiVocabularyReader(IInventoryStore inventory, IImageStore images, IDrPairStore pairs, RolloutPatchSets patchSets, ICertificateStore certificates)
{
    /// <summary>The tag keys whose values name kinds of workload (web, api, frontend).</summary>
    public static readonly IReadOnlyList<string> WorkloadTagKeys = ["app", "role", "tier", "service"];

    /// <summary>How many assets are read for tag values.</summary>
    public const int TagSample = 2000;

    public async Task<AiVocabulary> ReadAsync(string organisation, CancellationToken cancellationToken)
    {
        var facets = await inventory.GetFacetsAsync(organisation, cancellationToken);
        var families = await images.ListFamiliesAsync(organisation, cancellationToken);
        var pairPage = await pairs.ListAsync(organisation, 500, null, cancellationToken);
        var tags = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string? after = null;
        var read = 0;
        do
        {
            var page = await inventory.QueryAssetsAsync(organisation, new AssetFilter(), 500, after, cancellationToken);
            foreach (var asset in page.Items)
            {
                foreach (var key in WorkloadTagKeys)
                {
                    if (asset.Asset.Tags.TryGetValue(key, out var value) && value.Length is > 1 and <= 64 && !value.Any(char.IsUpper))
                    {
                        (tags.TryGetValue(key, out var values) ? values : tags[key] = new HashSet<string>(StringComparer.Ordinal)).Add(value);
                    }
                }
            }

            read += page.Items.Count;
            after = page.NextCursor;
        }
        while (after is not null && read < TagSample);

        return new AiVocabulary
        {
            Environments = facets.Environments.ToHashSet(StringComparer.Ordinal),
            Sites = facets.Sites.ToHashSet(StringComparer.Ordinal),
            Families = families.Select(f => f.Name).Concat(facets.ImageFamilies).ToHashSet(StringComparer.Ordinal),
            Pairs = pairPage.Items.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
            PatchSets = patchSets.Current.PatchSets.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
            Tags = tags.ToDictionary(t => t.Key, t => (IReadOnlySet<string>)t.Value, StringComparer.Ordinal),
            Certificates = CertificateNames(await certificates.ListAllAsync(organisation, cancellationToken)),
        };
    }

    /// <summary>Each certificate's id, and each name that names one certificate (preferring a store's over what an endpoint serves).</summary>
    public static IReadOnlyDictionary<string, string> CertificateNames(IEnumerable<Certificate> all)
    {
        var list = all.ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in list.GroupBy(c => c.Name.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var stores = group.Where(c => c.StoreKind != CertificateStoreKinds.TlsEndpoint).ToList();
            var candidates = stores.Count > 0 ? stores : group.ToList();
            if (candidates.Count == 1)
            {
                names[group.Key] = candidates[0].Id;
            }
        }

        foreach (var certificate in list)
        {
            names[certificate.Id.ToLowerInvariant()] = certificate.Id;
        }

        return names;
    }
}
