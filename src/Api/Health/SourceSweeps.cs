using Qlrf.Discovery;

namespace Qlrf.Api.Health;

/// <summary>Each configured source's last sweep and last successful sweep, as <c>/readyz</c> and the runs listing show them.</summary>
public sealed class SourceSweeps(AssetSourceRegistry sources, IDiscoveryStore store)
{
    public async Task<IReadOnlyList<SourceHealth>> ListAsync(string? organisation, CancellationToken cancellationToken)
    {
        var result = new List<SourceHealth>();
        var definitions = organisation is null ? sources.Definitions : sources.ForOrganisation(organisation);
        foreach (var org in definitions.GroupBy(d => d.Organisation))
        {
            var latest = (await store.LatestRunsAsync(org.Key, cancellationToken)).ToDictionary(r => r.Source, StringComparer.Ordinal);
            var succeeded = (await store.LatestSucceededRunsAsync(org.Key, cancellationToken)).ToDictionary(r => r.Source, StringComparer.Ordinal);
            foreach (var definition in org)
            {
                latest.TryGetValue(definition.Name, out var run);
                succeeded.TryGetValue(definition.Name, out var success);
                result.Add(new SourceHealth(
                    definition.Name,
                    definition.Kind,
                    run?.Status,
                    run?.FinishedAt,
                    run is { Errors.Count: > 0 } ? run.Errors[0].Message : null,
                    success?.FinishedAt,
                    success?.Id));
            }
        }

        return result;
    }
}

/// <summary>
/// A source's last finished sweep (null before its first) and its last successful one: the newest sweep
/// that read every scope, and so the last time the inventory of this source was wholly current.
/// </summary>
public sealed record SourceHealth(
    string Name,
    string Kind,
    SweepStatus? LastSweep,
    DateTimeOffset? FinishedAt,
    string? LastError,
    DateTimeOffset? LastSucceededAt,
    string? LastSucceededRunId);
