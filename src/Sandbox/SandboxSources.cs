using System.Collections.Concurrent;
using Qlrf.Configuration;
using Qlrf.Inventory;

namespace Qlrf.Sandbox;

/// <summary>
/// The sandbox sources of this host, by name, and their estate files (parsed once per change of the
/// file, by one caller while the others wait, and indexed by asset id; a sweep hands over the file it has just
/// read, so the executor's first use after a sweep does not parse it again). The sandbox executor uses it to
/// find an asset's current state.
/// </summary>
public sealed class SandboxSources
{
    private readonly ConcurrentDictionary<string, SandboxAssetSource> sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Written, Lazy<IndexedEstate> Estate)> parsed = new(StringComparer.Ordinal);

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
            if (Indexed(source)?.Assets.TryGetValue(assetId, out var asset) == true)
            {
                return asset;
            }
        }

        return null;
    }

    /// <summary>Whether a site of that name is in an estate file of the organisation's sandbox sources.</summary>
    public bool HasSite(string organisation, string site) =>
        sources.Values.Where(s => s.Organisation == organisation).Any(s => Indexed(s)?.Estate.Sites.Any(x => x.Name == site) == true);

    /// <summary>
    /// Keeps the estate a sweep read from <paramref name="path"/>, as the file was when its reading began
    /// (<paramref name="written"/>), unless an index of that same file is already there.
    /// </summary>
    internal void Remember(string path, DateTime written, EstateFile estate)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var indexed = new Lazy<IndexedEstate>(new IndexedEstate(estate));
        parsed.AddOrUpdate(path, _ => (written, indexed), (_, cached) => cached.Written == written && cached.Estate.IsValueCreated ? cached : (written, indexed));
    }

    private IndexedEstate? Indexed(SandboxAssetSource source)
    {
        var path = ConfiguredFile.Find(source.EstateFile);
        if (path is null)
        {
            return null;
        }

        var written = File.GetLastWriteTimeUtc(path);
        var entry = parsed.AddOrUpdate(
            path,
            _ => (written, Parse(path, source.EstateFile)),
            (_, cached) => cached.Written == written ? cached : (written, Parse(path, source.EstateFile)));
        return entry.Estate.Value;
    }

    private static Lazy<IndexedEstate> Parse(string path, string label) =>
        new(() => new IndexedEstate(EstateFileReader.Read(path, label)), LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed class IndexedEstate(EstateFile estate)
    {
        public EstateFile Estate { get; } = estate;

        public Dictionary<string, Asset> Assets { get; } = estate.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }
}
