using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Api.Health;
using Qlrf.Api.Infrastructure;
using Qlrf.Messaging;

namespace Qlrf.Api.Discovery;

/// <summary>Discovery's HTTP functions: start a sweep, read runs, read dead letters.</summary>
public sealed class DiscoveryFunctions(
    SweepCoordinator coordinator,
    AssetSourceRegistry sources,
    IDiscoveryStore store,
    IDeadLetters deadLetters,
    SourceSweeps sourceSweeps,
    RequestContext request)
{
    public const string RunListing = "discovery-runs";
    public const string DeadLetterListing = "dead-letters";

    public async Task<Accepted<SweepRun>> StartSweepAsync(StartSweepRequest? body, CancellationToken cancellationToken)
    {
        var mine = sources.ForOrganisation(request.Organisation).Select(d => d.Name).ToList();
        var source = body?.Source?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(source))
        {
            source = mine.Count == 1
                ? mine[0]
                : throw new RequestValidationException("source", mine.Count == 0
                    ? "no asset source is configured for this organisation."
                    : $"is required when there are several sources ({string.Join(", ", mine)}).");
        }
        else if (!mine.Contains(source))
        {
            throw new RequestValidationException("source", $"'{source}' is not a source of this organisation ({string.Join(", ", mine)}).");
        }

        var run = await coordinator.StartAsync(request.Organisation, source, SweepTrigger.Api, cancellationToken);
        return TypedResults.Accepted(Routes.PathOf(Routes.DiscoveryRun, run.Id), run);
    }

    public async Task<Ok<RunPage>> ListRunsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var known = sources.ForOrganisation(request.Organisation).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var source = Query.OneOf(query, "source", known);
        var page = PageRequest.From(query, RunListing);
        var result = await store.ListRunsAsync(request.Organisation, source, page.Limit, page.After, cancellationToken);
        var summaries = (await sourceSweeps.ListAsync(request.Organisation, cancellationToken)).Where(s => source is null || s.Name == source).ToList();
        return TypedResults.Ok(new RunPage(result.Items, PageRequest.Next(result, RunListing), summaries));
    }

    public async Task<Ok<SweepRun>> GetRunAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetRunAsync(request.Organisation, id, cancellationToken)
            ?? throw new NotFoundException($"There is no sweep run '{id}'."));

    public async Task<Ok<PageResponse<DeadLetter>>> ListDeadLettersAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, DeadLetterListing);
        if (page.After is not null && !long.TryParse(page.After, out _))
        {
            throw new RequestValidationException("cursor", "is not a cursor from this listing.");
        }

        var result = await deadLetters.ListDeadLettersAsync(request.Organisation, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<DeadLetter>(result.Items, PageRequest.Next(result, DeadLetterListing)));
    }
}

/// <summary>A page of sweep runs, newest first, with each source's last sweep and last successful sweep.</summary>
public sealed record RunPage(IReadOnlyList<SweepRun> Items, string? NextCursor, IReadOnlyList<SourceHealth> Sources);

/// <summary>Body of <c>POST /api/v1/discovery/sweeps</c>. <see cref="Source"/> may be left out when the organisation has one source.</summary>
public sealed record StartSweepRequest(string? Source);
