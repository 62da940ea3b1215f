using System.Globalization;
using Qlrf.Dr;

namespace Qlrf.Compliance.Checks;

/// <summary>
/// <c>dr-drill-recent</c>: every DR pair's last drill with a verdict passed, finished within <c>maxAgeDays</c>, and
/// measured RTO and RPO within the pair's targets. A pair never drilled fails.
/// </summary>
public sealed class DrDrillCheck(IDrPairStore pairs, IDrillStore drills) : IComplianceCheck
{
    public const string CheckId = "dr-drill-recent";

    public string Id => CheckId;

    public string ObjectKind => "dr-pair";

    public string Description => "Every DR pair passed a drill within N days, with RTO and RPO within their targets.";

    public IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Number("maxAgeDays", 90, 1, 3650, "How old the last passed drill may be.")];

    public bool ClockDependent => true;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<CheckObjectResult>();
        string? after = null;
        do
        {
            var page = await pairs.ListAsync(context.Organisation, 200, after, cancellationToken);
            foreach (var pair in page.Items)
            {
                var last = await drills.GetLastDrillAsync(context.Organisation, pair.Id, cancellationToken);
                var (passed, reason) = Judge(pair, last, context.Now, context.Parameters.Number("maxAgeDays"));
                results.Add(new CheckObjectResult(ObjectKind, pair.Id, passed, reason) { Environment = pair.Environment, Site = pair.PrimarySite });
            }

            after = page.NextCursor;
        }
        while (after is not null);

        return results;
    }

    public static (bool Passed, string Reason) Judge(DrPair pair, LastDrill? last, DateTimeOffset now, int maxAgeDays)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (last is null)
        {
            return (false, "never drilled");
        }

        var days = (int)Math.Floor((now - last.FinishedAt).TotalDays);
        var what = string.Create(CultureInfo.InvariantCulture, $"last drill {last.DrillId} {last.Outcome.ToString().ToLowerInvariant()} on {last.FinishedAt:yyyy-MM-dd} ({days} days ago)");
        if (last.Outcome != DrillOutcome.Passed)
        {
            return (false, what);
        }

        if (days > maxAgeDays)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"{what}: older than {maxAgeDays} days"));
        }

        if (last.Rto is not { } rto || rto > pair.RtoTarget)
        {
            return (false, $"{what}: RTO {Text(last.Rto)} against a target of {Text(pair.RtoTarget)}");
        }

        if (last.Rpo is not { } rpo || rpo > pair.RpoTarget)
        {
            return (false, $"{what}: RPO {Text(last.Rpo)} against a target of {Text(pair.RpoTarget)}");
        }

        return (true, $"{what}: RTO {Text(rto)} (target {Text(pair.RtoTarget)}), RPO {Text(rpo)} (target {Text(pair.RpoTarget)})");
    }

    private static string Text(TimeSpan? span) => span is { } s ? s.ToString("c", CultureInfo.InvariantCulture) : "not measured";
}
