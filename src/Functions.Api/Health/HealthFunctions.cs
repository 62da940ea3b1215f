using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Discovery;
using Qlrf.Functions.Discovery;
using Qlrf.Health;

namespace Qlrf.Functions.Api.Health;

/// <summary>
/// Probes. <c>/healthz</c>: the process is up. <c>/readyz</c>: the store answers (503 if not), with the
/// outcome of each source's last sweep.
/// </summary>
public sealed class HealthFunctions(IEnumerable<IReadinessCheck> checks, AssetSourceRegistry sources, IDiscoveryStore store)
{
    public static Ok<HealthReport> Healthz() => TypedResults.Ok(new HealthReport("healthy", null, null));

    public async Task<IResult> ReadyzAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var check in checks)
        {
            if (await check.CheckAsync(cancellationToken) is { } problem)
            {
                failures.Add(problem);
            }
        }

        if (failures.Count > 0)
        {
            return TypedResults.Json(new HealthReport("unavailable", failures, null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var sweeps = new List<SourceHealth>();
        foreach (var org in sources.Definitions.GroupBy(d => d.Organisation))
        {
            var latest = (await store.LatestRunsAsync(org.Key, cancellationToken)).ToDictionary(r => r.Source, StringComparer.Ordinal);
            foreach (var definition in org)
            {
                latest.TryGetValue(definition.Name, out var run);
                sweeps.Add(new SourceHealth(
                    definition.Name,
                    definition.Kind,
                    run?.Status,
                    run?.FinishedAt,
                    run is { Errors.Count: > 0 } ? run.Errors[0].Message : null));
            }
        }

        var status = sweeps.Any(s => s.LastSweep == SweepStatus.Failed) ? "degraded" : "ready";
        return TypedResults.Ok(new HealthReport(status, null, sweeps));
    }
}

/// <summary>A probe's answer.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<string>? Problems, IReadOnlyList<SourceHealth>? Sources);

/// <summary>The last finished sweep of a source (null before its first).</summary>
public sealed record SourceHealth(string Name, string Kind, SweepStatus? LastSweep, DateTimeOffset? FinishedAt, string? LastError);
