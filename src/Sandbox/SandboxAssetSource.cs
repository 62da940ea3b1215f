using Qlrf.Configuration;
using Qlrf.Discovery;
using Qlrf.Execution;
using Qlrf.Rollouts.PatchSets;

namespace Qlrf.Sandbox;

/// <summary>
/// The asset source of the built-in sandbox platform: it reads its estate file afresh on every sweep, so
/// an edit to the file shows up as changes on the next sweep, and lays over it the image versions and patch sets
/// (as <c>patch-set.&lt;id&gt;</c> tags) the sandbox executor set. A file that does not read fails the sweep; one
/// that does is handed to <see cref="SandboxSources"/>, so the executor uses this reading rather than parsing the file again.
/// </summary>
public sealed class SandboxAssetSource(AssetSourceDefinition definition, string estateFile, ISandboxStateStore state, SandboxSources sources) : IAssetSource
{
    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    /// <summary>The estate file as configured.</summary>
    public string EstateFile { get; } = estateFile;

    public async Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var path = ConfiguredFile.Find(EstateFile)
            ?? throw new EstateFileException(EstateFile, 0, "(file)", $"the estate file was not found (looked in {ConfiguredFile.Searched(EstateFile)}).");
        var written = File.GetLastWriteTimeUtc(path);
        var estate = EstateFileReader.Read(path, EstateFile);
        if (estate.Organisation.Id != Organisation)
        {
            throw new EstateFileException(EstateFile, 1, "organisation.id", $"'{estate.Organisation.Id}' is not the organisation of source '{Name}' ({Organisation}).");
        }

        sources.Remember(path, written, estate);

        var changed = await state.LoadAsync(Organisation, cancellationToken);
        foreach (var site in estate.Sites)
        {
            sink.AddSite(site);
        }

        foreach (var asset in estate.Assets)
        {
            sink.AddAsset(changed.TryGetValue(asset.Id, out var set) && asset.Image is not null
                ? asset with
                {
                    Image = asset.Image with { Version = set.ImageVersion, Reference = set.ImageReference ?? asset.Image.Reference },
                    Tags = WithPatchSets(asset.Tags, set.PatchSets),
                }
                : asset);
        }
    }

    /// <summary>The asset's tags with <c>patch-set.&lt;id&gt;</c> = applied for each patch set the sandbox applied to it.</summary>
    private static IReadOnlyDictionary<string, string> WithPatchSets(IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> patchSets)
    {
        if (patchSets.Count == 0)
        {
            return tags;
        }

        var merged = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        foreach (var id in patchSets)
        {
            merged[PatchSet.TagOf(id)] = PatchSet.AppliedValue;
        }

        return merged;
    }
}
