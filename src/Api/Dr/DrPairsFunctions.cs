using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Inventory;
using Qlrf.Security;

namespace Qlrf.Api.Dr;

/// <summary>
/// DR pairs: create, list, get, update (optionally conditional on <c>If-Match</c>) and delete. Sites must be known
/// to the inventory. Allowing unattended test failovers is a safety decision: it needs <c>approve:tasks</c> in the
/// pair's environment as well.
/// </summary>
public sealed class DrPairsFunctions(IDrPairStore pairs, IDrillStore drills, IInventoryStore inventory, IAccessEvaluator access, RequestContext request, TimeProvider time)
{
    public const string Listing = "dr-pairs";

    public async Task<Ok<PageResponse<DrPairResource>>> ListAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var result = await pairs.ListAsync(request.Organisation, page.Limit, page.After, cancellationToken);
        var items = new List<DrPairResource>();
        foreach (var pair in result.Items)
        {
            items.Add(DrPairResource.From(pair, await pairs.GetNextDrillAtAsync(pair.Organisation, pair.Id, cancellationToken)));
        }

        return TypedResults.Ok(new PageResponse<DrPairResource>(items, PageRequest.Next(result, Listing)));
    }

    public async Task<Created<DrPairResource>> CreateAsync(DrPairRequest? body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pair = await ParseAsync(body, body?.Id, now, cancellationToken);
        var next = DrPairRules.NextDrillAt(pair, now);
        var created = await pairs.CreateAsync(pair, next, cancellationToken)
            ?? throw new ConflictException($"A DR pair '{pair.Id}' already exists.");
        Audit(created);
        return TypedResults.Created(Routes.PathOf(Routes.DrPair, created.Id), DrPairResource.From(created, next));
    }

    public async Task<Ok<DrPairResource>> GetAsync(string id, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var pair = await FindAsync(id, cancellationToken);
        response.Headers.ETag = Tag(pair.ETag);
        return TypedResults.Ok(DrPairResource.From(pair, await pairs.GetNextDrillAtAsync(pair.Organisation, pair.Id, cancellationToken)));
    }

    public async Task<Ok<DrPairResource>> UpdateAsync(string id, DrPairRequest? body, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = await FindAsync(id, cancellationToken);
        if (body?.Id is { } bodyId && bodyId != id)
        {
            throw new RequestValidationException("id", $"'{bodyId}' differs from the pair in the path ('{id}'); a pair's id cannot change.");
        }

        var expected = ExpectedTag(http) ?? current.ETag;
        var now = time.GetUtcNow();
        var parsed = await ParseAsync(body, id, now, cancellationToken);
        var pair = parsed with { CreatedAt = current.CreatedAt, CreatedBy = current.CreatedBy, UpdatedAt = now, UpdatedBy = request.Actor };
        var next = DrPairRules.NextDrillAt(pair, now);
        var saved = await pairs.ReplaceAsync(pair, expected, next, cancellationToken)
            ?? throw new ConflictException($"DR pair '{id}' changed since version {expected}; read it again and retry.");
        Audit(saved);
        http.HttpContext.Response.Headers.ETag = Tag(saved.ETag);
        return TypedResults.Ok(DrPairResource.From(saved, next));
    }

    public async Task<NoContent> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var pair = await FindAsync(id, cancellationToken);
        var latest = await drills.ListAsync(request.Organisation, pair.Id, 1, null, cancellationToken);
        if (latest.Items is [{ Status: var status } live] && !status.IsFinished())
        {
            throw new ConflictException($"DR pair '{id}' has a live drill ({live.Id}); wait for it or cancel it first.");
        }

        if (!await pairs.DeleteAsync(request.Organisation, pair.Id, cancellationToken))
        {
            throw new NotFoundException($"There is no DR pair '{id}'.");
        }

        request.AuditDetails["pair"] = pair.Id;
        return TypedResults.NoContent();
    }

    internal async Task<DrPair> FindAsync(string id, CancellationToken cancellationToken) =>
        await pairs.GetAsync(request.Organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no DR pair '{id}'.");

    private async Task<DrPair> ParseAsync(DrPairRequest? body, string? id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            throw new RequestValidationException("body", "is required.");
        }

        var pair = new DrPair
        {
            Organisation = request.Organisation,
            Id = id?.Trim() ?? throw new RequestValidationException("id", "is required."),
            Name = body.Name?.Trim() ?? throw new RequestValidationException("name", "is required."),
            PrimarySite = body.PrimarySite?.Trim() ?? throw new RequestValidationException("primarySite", "is required."),
            RecoverySite = body.RecoverySite?.Trim() ?? throw new RequestValidationException("recoverySite", "is required."),
            Environment = body.Environment?.Trim() ?? throw new RequestValidationException("environment", "is required."),
            Workloads = new DrWorkloads
            {
                AssetIds = body.Workloads?.AssetIds?.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [],
                Tags = body.Workloads?.Tags is { } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(),
            },
            Replication = body.Replication ?? throw new RequestValidationException("replication", "is required (asynchronous, synchronous or snapshot)."),
            RtoTarget = Seconds(body.RtoTargetSeconds, "rtoTargetSeconds"),
            RpoTarget = Seconds(body.RpoTargetSeconds, "rpoTargetSeconds"),
            Policy = new DrPairPolicy(body.Policy?.AllowUnattendedTestFailover ?? false, body.Policy?.MaxDrillAgeDays is { } days ? Days(days) : null),
            Schedule = body.Schedule is { } s ? new DrSchedule(s.Cron?.Trim() ?? throw new RequestValidationException("schedule.cron", "is required."), s.Kind) : null,
            CreatedAt = now,
            CreatedBy = request.Actor,
        };
        if (DrPairRules.Validate(pair) is [var (field, problem), ..])
        {
            throw new RequestValidationException(field, problem);
        }

        var sites = (await inventory.ListSitesAsync(request.Organisation, cancellationToken)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (siteField, site) in new[] { ("primarySite", pair.PrimarySite), ("recoverySite", pair.RecoverySite) })
        {
            if (!sites.Contains(site))
            {
                var known = sites.Count == 0 ? "none are known yet; sweep first" : "known: " + string.Join(", ", sites.Order(StringComparer.Ordinal));
                throw new RequestValidationException(siteField, $"'{site}' is not a site in the inventory ({known}).");
            }
        }

        if (pair.Policy.AllowUnattendedTestFailover
            && !await access.HasPermissionInEveryEnvironmentAsync(request.RequireCaller(), Permission.ApproveTasks, null, [pair.Environment], cancellationToken))
        {
            throw new ForbiddenException($"Allowing unattended test failovers needs approve:tasks in {pair.Environment}.");
        }

        return pair;
    }

    private void Audit(DrPair pair)
    {
        request.AuditDetails["pair"] = pair.Id;
        request.AuditDetails["sites"] = $"{pair.PrimarySite} -> {pair.RecoverySite}";
        request.AuditDetails["unattendedTestFailover"] = pair.Policy.AllowUnattendedTestFailover ? "allowed" : "not allowed";
        request.AuditDetails["etag"] = pair.ETag.ToString(CultureInfo.InvariantCulture);
    }

    private static TimeSpan Seconds(double? value, string field) =>
        value is { } v && double.IsFinite(v) && v >= 0 && v <= DrPairRules.MaxTarget.TotalSeconds
            ? TimeSpan.FromSeconds(v)
            : throw new RequestValidationException(field, $"is required: seconds from 0 to {DrPairRules.MaxTarget.TotalSeconds:0}.");

    private static TimeSpan Days(double value) =>
        double.IsFinite(value) && value > 0 && value <= DrPairRules.MaxMaxDrillAge.TotalDays
            ? TimeSpan.FromDays(value)
            : throw new RequestValidationException("policy.maxDrillAgeDays", "must be more than 0 and at most 3650.");

    private static string Tag(long etag) => $"\"{etag.ToString(CultureInfo.InvariantCulture)}\"";

    private static long? ExpectedTag(HttpRequest http)
    {
        var text = http.Headers.IfMatch.ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text.Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var tag)
            ? tag
            : throw new RequestValidationException("If-Match", $"'{text}' is not an ETag of this API (a quoted number).");
    }
}
