using Qlrf.Execution;

namespace Qlrf.Workflows.Drills;

/// <summary>The DR executors of this host, and which one serves a pair's sites.</summary>
public sealed class DrExecutors(IEnumerable<IDrExecutor> executors)
{
    /// <summary>The executor serving both sites, or null.</summary>
    public IDrExecutor? Find(string organisation, string primarySite, string recoverySite) =>
        executors.FirstOrDefault(e => e.Handles(organisation, primarySite, recoverySite));

    /// <summary>The executor serving the scope's sites; throws <see cref="ExecutorException"/> when none does.</summary>
    public IDrExecutor For(DrScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Find(scope.Organisation, scope.PrimarySite, scope.RecoverySite)
            ?? throw new ExecutorException($"No DR executor serves sites {scope.PrimarySite} and {scope.RecoverySite} of {scope.Organisation}.");
    }
}
