using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qlrf.Api.Infrastructure;
using Qlrf.Compliance;
using Qlrf.Compliance.Engine;
using Qlrf.Errors;
using Qlrf.Paging;

namespace Qlrf.Api.Compliance;

/// <summary>Compliance's HTTP functions: the frameworks, every framework's standing, one control's failures, trends.</summary>
public sealed class ComplianceFunctions(ComplianceEngine engine, IComplianceStore store, IOptions<ComplianceOptions> options, RequestContext request, TimeProvider time)
{
    public const string FailureListing = "compliance-failures";
    public const int DefaultTrendDays = 30;

    public Ok<IReadOnlyList<FrameworkResource>> ListComplianceFrameworks() =>
        TypedResults.Ok<IReadOnlyList<FrameworkResource>>(engine.Catalogue.Frameworks.Select(FrameworkResource.From).ToList());

    public async Task<Ok<ComplianceSummary>> GetComplianceSummaryAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var environments = Environments(query);
        var results = await engine.EvaluateAllAsync(request.Organisation, environments, cancellationToken);
        return TypedResults.Ok(new ComplianceSummary(time.GetUtcNow(), environments, results.Select(FrameworkSummary.From).ToList()));
    }

    public async Task<Ok<ControlDetail>> GetComplianceControlAsync(string framework, string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        var control = engine.Catalogue.Get(framework).Controls.FirstOrDefault(c => c.Id == id)
            ?? throw new NotFoundException($"The framework '{framework}' has no control '{id}'.");
        var page = PageRequest.From(query, FailureListing);
        var result = await engine.EvaluateAsync(request.Organisation, framework, Environments(query), cancellationToken);
        var scored = result.Controls.Single(c => c.ControlId == control.Id);
        var ordered = scored.Failures
            .Select(f => (Key: Key(f), Failure: f))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var items = ordered.Where(f => page.After is null || string.CompareOrdinal(f.Key, page.After) > 0).Take(page.Limit + 1).ToList();
        var more = items.Count > page.Limit;
        var shown = items.Take(page.Limit).ToList();
        var next = PageRequest.Next(new Page<string>([], more ? shown[^1].Key : null), FailureListing);
        return TypedResults.Ok(new ControlDetail(result.Framework.Id, scored.ControlId, scored.Title, scored.Outcome, scored.Passed, scored.Failed,
            scored.CheckIds, scored.ManualEvidence, result.EvaluatedAt, shown.Select(f => f.Failure).ToList(), next));
    }

    public async Task<Ok<ComplianceTrend>> GetComplianceTrendsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var framework = engine.Catalogue.Get(Query.Value(query, "framework") ?? throw new RequestValidationException("framework", "name a framework (see GET /api/v1/compliance/frameworks)."));
        var days = DefaultTrendDays;
        if (Query.Value(query, "days") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > options.Value.MaxTrendDays))
        {
            throw new RequestValidationException("days", $"must be a whole number from 1 to {options.Value.MaxTrendDays}.");
        }

        var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = to.AddDays(1 - days);
        var snapshots = await store.ListSnapshotsAsync(request.Organisation, framework.Id, from, to, cancellationToken);
        return TypedResults.Ok(new ComplianceTrend(framework.Id, from, to, snapshots.Select(s => new TrendPoint(s.Day, s.Passing, s.Failing, s.Manual, s.Score)).ToList()));
    }

    private static string Key(ControlFailure failure) => $"{failure.CheckId}\u001f{failure.ObjectKind}\u001f{failure.ObjectId}";

    private static List<string> Environments(IQueryCollection query)
    {
        if (!query.TryGetValue("environment", out var values))
        {
            return [];
        }

        var list = values.Select(v => v?.Trim() ?? string.Empty).ToList();
        return list.Any(v => v.Length == 0)
            ? throw new RequestValidationException("environment", "must not be empty.")
            : list.Distinct(StringComparer.Ordinal).ToList();
    }
}
