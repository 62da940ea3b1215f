using System.Collections.Concurrent;
using Qlrf.Inventory;

namespace Qlrf.Sandbox;

/// <summary>
/// The sandbox sources of this host, by name, and their estate files (parsed once per change of the
/// file). The sandbox executor uses it to find an asset's current state.
/// </summary>
public sealed class SandboxSources
{
    private readonly ConcurrentDictionary<string, SandboxAssetSource> sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Written, EstateFile Estate)> parsed = new(StringComparer.Ordinal);

    public void Add(SandboxAssetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        sources[source.Name] = source;
    }

    public bool IsSandbox(string source) => sources.ContainsKey(source);

    /// <summary>The asset as the estate files of the organisation's sandbox sources describe it.</summary>
    public Asset? Find(string organisation, string assetId)
    {
        foreach (var source in sources.Values.Where(s => s.Organisation == organisation))
        {
            if (Estate(source)?.Assets.FirstOrDefault(a => a.Id == assetId) is { } asset)
            {
                return asset;
            }
        }

        return null;
    }

    /// <summary>Whether a site of that name is in an estate file of the organisation's sandbox sources.</summary>
    public bool HasSite(string organisation, string site) =>
        sources.Values.Where(s => s.Organisation == organisation).Any(s => Estate(s)?.Sites.Any(x => x.Name == site) == true);

    internal EstateFile? Estate(SandboxAssetSource source)
    {
        var path = EstatePath.Resolve(source.EstateFile);
        if (path is null)
        {
            return null;
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (parsed.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Estate;
        }

        var estate = EstateFileReader.Read(path, source.EstateFile);
        parsed[path] = (written, estate);
        return estate;
    }
}
