using Microsoft.Extensions.Options;
using Qlrf.Rollouts.PatchSets;

namespace Qlrf.Workflows.Rollouts.PatchSets;

/// <summary>
/// The patch-set catalogue in force: the patch-set file, read again whenever it changes, so an edited file
/// serves the next rollout without a restart.
/// </summary>
public sealed class RolloutPatchSets(IOptions<RolloutOptions> options)
{
    private readonly Lock gate = new();
    private (string Path, DateTime Written, PatchSetCatalogue Catalogue)? loaded;

    public PatchSetCatalogue Current
    {
        get
        {
            var path = RolloutPolicies.Resolve(options.Value.PatchSetFile);
            var written = File.GetLastWriteTimeUtc(path);
            lock (gate)
            {
                if (loaded is { } l && l.Path == path && l.Written == written)
                {
                    return l.Catalogue;
                }

                var catalogue = PatchSetFileReader.Read(path);
                loaded = (path, written, catalogue);
                return catalogue;
            }
        }
    }

    public PatchSet? Find(string id) => Current.Find(id);
}
