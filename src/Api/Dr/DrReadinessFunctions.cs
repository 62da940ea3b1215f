using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Execution;
using Qlrf.Api.Infrastructure;
using Qlrf.Workflows.Drills;

namespace Qlrf.Api.Dr;

/// <summary>
/// Readiness: per pair, and for the fleet (every pair of the organisation). Sites and replication are read
/// from the platform now; the last drill from the store.
/// </summary>
public sealed class DrReadinessFunctions(IDrPairStore pairs, IDrillStore drills, DrExecutors executors, IOptions<DrOptions> options, RequestContext request, TimeProvider time)
{
    private const int Page = 200;

    public async Task<Ok<DrReadinessResource>> GetPairAsync(string id, CancellationToken cancellationToken)
    {
        var pair = await pairs.GetAsync(request.Organisation, id, cancellationToken) ?? throw new Errors.NotFoundException($"There is no DR pair '{id}'.");
        return TypedResults.Ok(DrReadinessResource.From(await EvaluateAsync(pair, cancellationToken)));
    }

    public async Task<Ok<FleetReadinessResource>> GetFleetAsync(CancellationToken cancellationToken)
    {
        var all = new List<DrReadinessResource>();
        string? after = null;
        do
        {
            var page = await pairs.ListAsync(request.Organisation, Page, after, cancellationToken);
            foreach (var pair in page.Items)
            {
                all.Add(DrReadinessResource.From(await EvaluateAsync(pair, cancellationToken)));
            }

            after = page.NextCursor;
        }
        while (after is not null);

        var count = (RagStatus s) => all.Count(p => p.Status == s);
        return TypedResults.Ok(new FleetReadinessResource(
            all.Count == 0 ? null : all.Min(p => p.Status), count(RagStatus.Green), count(RagStatus.Amber), count(RagStatus.Red), all, time.GetUtcNow()));
    }

    private async Task<DrReadiness> EvaluateAsync(DrPair pair, CancellationToken cancellationToken)
    {
        var executor = executors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite);
        DrSiteStatus? primary = null, recovery = null;
        ReplicationStatus? replication = null;
        if (executor is not null)
        {
            primary = await executor.GetSiteStatusAsync(pair.Organisation, pair.PrimarySite, cancellationToken);
            recovery = await executor.GetSiteStatusAsync(pair.Organisation, pair.RecoverySite, cancellationToken);
            replication = await executor.GetReplicationAsync(new DrScope(pair.Organisation, pair.Id, pair.PrimarySite, pair.RecoverySite, []), cancellationToken);
        }

        var last = await drills.GetLastDrillAsync(pair.Organisation, pair.Id, cancellationToken);
        return DrReadinessEvaluator.Evaluate(new DrReadinessInput(pair, primary, recovery, replication, last, options.Value.DefaultMaxDrillAge, time.GetUtcNow()));
    }
}
