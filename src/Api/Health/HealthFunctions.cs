using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Discovery;
using Qlrf.Health;

namespace Qlrf.Api.Health;

/// <summary>
/// Probes. <c>/healthz</c>: the process is up. <c>/readyz</c>: the store answers (503 if not), with the
/// outcome of each source's last sweep and the time of its last successful one.
/// </summary>
public sealed class HealthFunctions(IEnumerable<IReadinessCheck> checks, SourceSweeps sourceSweeps)
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

        var sweeps = await sourceSweeps.ListAsync(null, cancellationToken);
        var status = sweeps.Any(s => s.LastSweep == SweepStatus.Failed) ? "degraded" : "ready";
        return TypedResults.Ok(new HealthReport(status, null, sweeps));
    }
}

/// <summary>A probe's answer.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<string>? Problems, IReadOnlyList<SourceHealth>? Sources);
