using Microsoft.Extensions.Options;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Functions.Orchestration.Rollouts;

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

    /// <summary>An absolute path as given; a relative one from the working directory, then from the application's directory.</summary>
    public static string Resolve(string configured)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"'{configured}' does not exist.");
        }

        var fromWorkingDirectory = Path.GetFullPath(configured);
        if (File.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var fromApp = Path.Combine(AppContext.BaseDirectory, configured);
        return File.Exists(fromApp)
            ? fromApp
            : throw new FileNotFoundException($"'{configured}' is not in the working directory ({Directory.GetCurrentDirectory()}) nor the application's ({AppContext.BaseDirectory}).");
    }
}
