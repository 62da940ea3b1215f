using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Workflows.Drills;
using Qlrf.Orchestration;

namespace Qlrf.Api.Dr;

/// <summary>
/// Drills: start one (with an optional <c>Idempotency-Key</c>), list them, show one with its live phase, and its
/// report as JSON or Markdown.
/// </summary>
public sealed class DrillsFunctions(IDrPairStore pairs, IDrillStore drills, DrillLauncher launcher, DrillCoverage coverage, OrchestrationTenancy orchestrations, RequestContext request, TimeProvider time)
{
    public const string Listing = "dr-drills";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;
    public const string MarkdownType = "text/markdown";

    public async Task<Accepted<DrillResource>> StartAsync(StartDrillRequest? body, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var pairId = body?.PairId?.Trim() is { Length: > 0 } p ? p : throw new RequestValidationException("pairId", "is required.");
        var kind = body.Kind ?? throw new RequestValidationException("kind", "is required (test_failover or planned_failover).");
        var key = http.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            throw new RequestValidationException(IdempotencyHeader, $"must be at most {MaxIdempotencyKeyLength} printable characters.");
        }

        var pair = await pairs.GetAsync(request.Organisation, pairId, cancellationToken)
            ?? throw new RequestValidationException("pairId", $"there is no DR pair '{pairId}'.");
        await coverage.RequireAsync(pair, cancellationToken);
        var start = await launcher.StartAsync(pair, new DrillRequest(kind, body.DryRun, DrillTrigger.Manual, request.Actor, key.Length == 0 ? null : key), cancellationToken);
        request.AuditDetails["pair"] = pair.Id;
        request.AuditDetails["kind"] = Json.EnumText<DrillKind>.Of(kind);
        request.AuditDetails["dryRun"] = body.DryRun ? "true" : "false";
        request.AuditTarget = DrillAudit.Target(start.Drill.Id);
        return TypedResults.Accepted(Routes.PathOf(Routes.DrDrill, start.Drill.Id), DrillResource.From(start.Drill, null, time.GetUtcNow()));
    }

    public async Task<Ok<PageResponse<DrillResource>>> ListAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var pairId = Query.Value(query, "pairId");
        var result = await drills.ListAsync(request.Organisation, pairId, page.Limit, page.After, cancellationToken);
        var items = new List<DrillResource>();
        foreach (var drill in result.Items)
        {
            items.Add(await ResourceAsync(drill, cancellationToken));
        }

        return TypedResults.Ok(new PageResponse<DrillResource>(items, PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<DrillResource>> GetAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ResourceAsync(await FindAsync(id, cancellationToken), cancellationToken));

    /// <summary>The report, as JSON, or as Markdown with <c>Accept: text/markdown</c> or <c>?format=markdown</c>; 409 while the drill runs.</summary>
    public async Task<Results<Ok<DrillReport>, ContentHttpResult>> GetReportAsync(string id, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var format = Query.Value(http.Query, "format");
        if (format is not (null or "json" or "markdown"))
        {
            throw new RequestValidationException("format", $"'{format}' is not one of json, markdown.");
        }

        var drill = await FindAsync(id, cancellationToken);
        var report = await drills.GetReportAsync(request.Organisation, drill.Id, cancellationToken)
            ?? throw new ConflictException($"Drill {drill.Id} has not finished ({Json.EnumText<DrillStatus>.Of(drill.Status)}); its report is written when it does.");
        var markdown = format == "markdown" || (format is null && http.Headers.Accept.Any(a => a?.Contains(MarkdownType, StringComparison.OrdinalIgnoreCase) == true));
        return markdown
            ? TypedResults.Text(DrillReportMarkdown.Render(report), MarkdownType + "; charset=utf-8")
            : TypedResults.Ok(report);
    }

    internal async Task<DrillRecord> FindAsync(string id, CancellationToken cancellationToken) =>
        await drills.GetAsync(request.Organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no drill '{id}'.");

    internal async Task<DrillResource> ResourceAsync(DrillRecord drill, CancellationToken cancellationToken)
    {
        DrillCustomStatus? live = null;
        if (!drill.Status.IsFinished() && await orchestrations.For(drill.Organisation).GetAsync(drill.Id, getInputsAndOutputs: true, cancellationToken) is { } instance)
        {
            live = instance.ReadCustomStatusAs<DrillCustomStatus>();
        }

        return DrillResource.From(drill, live, time.GetUtcNow());
    }
}
