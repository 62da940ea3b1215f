using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Json;

namespace Qlrf.Api.Drift;

/// <summary>Drift's HTTP functions for reports: the CSV export, trends, on-demand snapshots, and the organisation's thresholds.</summary>
public sealed class DriftReportFunctions(
    IDriftStore store,
    Qlrf.Discovery.Drift.DriftFunctions drift,
    DriftReadFunctions reads,
    RequestContext request,
    TimeProvider time)
{
    /// <summary>The longest trend range, in days.</summary>
    public const int MaxTrendDays = 400;

    /// <summary>The default trend range when <c>from</c> is left out, in days.</summary>
    public const int DefaultTrendDays = 30;

    private const int ExportPage = 1000;

    public async Task<PushStreamHttpResult> ExportOutdatedAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var filter = await reads.FilterAsync(query, cancellationToken);
        var organisation = request.Organisation;
        var now = time.GetUtcNow();
        var name = $"outdated-assets-{organisation}-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            await writer.WriteAsync("asset_id,name,platform,site,environment,family,version,production_version,versions_behind,days_behind,outdated_since\n");
            string? after = null;
            do
            {
                var page = await store.ListOutdatedAsync(organisation, filter, ExportPage, after, cancellationToken);
                foreach (var d in page.Items)
                {
                    var since = d.OutdatedSince is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;
                    await writer.WriteAsync(string.Join(',',
                        Csv(d.AssetId), Csv(d.Name), EnumText<Inventory.Platform>.Of(d.Platform), Csv(d.Site), Csv(d.Environment), Csv(d.Family), Csv(d.Version),
                        Csv(d.ProductionVersion), d.VersionsBehind.ToString(CultureInfo.InvariantCulture), d.DaysBehind(now).ToString(CultureInfo.InvariantCulture), since) + "\n");
                }

                after = page.NextCursor;
            }
            while (after is not null);
        }, "text/csv; charset=utf-8", name);
    }

    public async Task<Ok<TrendsResource>> GetTrendsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var to = Time(query, "to", endOfDay: true) ?? now;
        var from = Time(query, "from", endOfDay: false) ?? to - TimeSpan.FromDays(DefaultTrendDays);
        if (from > to)
        {
            throw new RequestValidationException("from", "is after to.");
        }

        if (to - from > TimeSpan.FromDays(MaxTrendDays))
        {
            throw new RequestValidationException("from", $"the range may span at most {MaxTrendDays} days.");
        }

        var groupBy = Query.Enum<DriftDimension>(query, "groupBy") ?? DriftDimension.Organisation;
        var snapshots = await store.ListSnapshotsAsync(request.Organisation, from, to, groupBy, cancellationToken);
        var series = DriftTrends.Build(snapshots, groupBy).Select(TrendSeriesResource.From).ToList();
        return TypedResults.Ok(new TrendsResource(from, to, groupBy, snapshots.Count, series));
    }

    public async Task<Created<SnapshotResource>> TakeSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = await drift.TakeSnapshotAsync(request.Organisation, SnapshotTrigger.OnDemand, cancellationToken);
        var whole = snapshot.Rows.FirstOrDefault(r => r.Group == DriftGroup.Organisation);
        return TypedResults.Created(
            "/" + Routes.DriftTrends,
            new SnapshotResource(snapshot.Id, snapshot.TakenAt, snapshot.Trigger, snapshot.Rows.Count, whole is null ? null : DriftGroupSummary.From(whole.Group, whole.Summary)));
    }

    public async Task<Ok<ThresholdsResource>> GetThresholdsAsync(CancellationToken cancellationToken)
    {
        var own = await store.GetThresholdsAsync(request.Organisation, cancellationToken);
        var thresholds = own ?? await drift.ThresholdsAsync(request.Organisation, cancellationToken);
        return TypedResults.Ok(new ThresholdsResource(thresholds.RedBelow, thresholds.AmberBelow, own is null ? "default" : "organisation"));
    }

    public async Task<Ok<ThresholdsResource>> SetThresholdsAsync(ThresholdsRequest? body, CancellationToken cancellationToken)
    {
        var red = body?.RedBelow ?? throw new RequestValidationException("redBelow", "is required (a percentage from 0 to 100).");
        var amber = body.AmberBelow ?? throw new RequestValidationException("amberBelow", "is required (a percentage from 0 to 100).");
        var thresholds = new RagThresholds(red, amber);
        if (thresholds.Problem() is { } problem)
        {
            throw new RequestValidationException(red > amber ? "redBelow" : "amberBelow", problem);
        }

        await store.SetThresholdsAsync(request.Organisation, thresholds, request.Actor, cancellationToken);
        return TypedResults.Ok(new ThresholdsResource(red, amber, "organisation"));
    }

    /// <summary>An ISO 8601 date or date and time; a bare date as <c>to</c> means the end of that day (UTC).</summary>
    private static DateTimeOffset? Time(IQueryCollection query, string name, bool endOfDay)
    {
        var text = Query.Value(query, name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new RequestValidationException(name, $"'{text}' is not an ISO 8601 date (2026-11-01) or date and time (2026-11-01T09:00:00Z).");
    }

    /// <summary>A CSV field: quoted when it must be, and never read as a formula by a spreadsheet.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
