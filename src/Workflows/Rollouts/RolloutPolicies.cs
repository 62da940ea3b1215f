using Microsoft.Extensions.Options;
using Qlrf.Configuration;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Workflows.Rollouts;

/// <summary>
/// The safety policies in force: the policy file, read again whenever it changes, so an edited file
/// judges the next plan without a restart. Each plan records the version it was judged by.
/// </summary>
public sealed class RolloutPolicies(IOptions<RolloutOptions> options)
{
    private readonly Lock gate = new();
    private (string Path, DateTime Written, PolicySet Policies)? loaded;

    public PolicySet Current
    {
        get
        {
            var path = Resolve(options.Value.PolicyFile);
            var written = File.GetLastWriteTimeUtc(path);
            lock (gate)
            {
                if (loaded is { } l && l.Path == path && l.Written == written)
                {
                    return l.Policies;
                }

                var policies = PolicyFileReader.Read(path);
                loaded = (path, written, policies);
                return policies;
            }
        }
    }

    /// <summary>Reads the file at a configured path (for start-up validation).</summary>
    public static PolicySet Load(string configured) => PolicyFileReader.Read(Resolve(configured));

    /// <summary>The file a setting names (see <see cref="ConfiguredFile"/>); throws when there is none.</summary>
    public static string Resolve(string configured) =>
        ConfiguredFile.Find(configured) ?? throw new FileNotFoundException($"'{configured}' was not found (looked in {ConfiguredFile.Searched(configured)}).");
}
