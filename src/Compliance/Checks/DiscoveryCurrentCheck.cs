using System.Globalization;
using Qlrf.Discovery;

namespace Qlrf.Compliance.Checks;

/// <summary>
/// <c>discovery-current</c>: the asset inventory is current: every asset source that has swept completed a successful
/// sweep within <c>maxAgeHours</c>.
/// </summary>
public sealed class DiscoveryCurrentCheck(IDiscoveryStore discovery) : IComplianceCheck
{
    public const string CheckId = "discovery-current";

    public string Id => CheckId;

    public string ObjectKind => "source";

    public string Description => "Every asset source completed a successful discovery sweep within N hours.";

    public IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Number("maxAgeHours", 24, 1, 8760, "How old the last successful sweep may be.")];

    public bool ClockDependent => true;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var maxAge = context.Parameters.Number("maxAgeHours");
        var latest = await discovery.LatestRunsAsync(context.Organisation, cancellationToken);
        var succeeded = (await discovery.LatestSucceededRunsAsync(context.Organisation, cancellationToken)).ToDictionary(r => r.Source, StringComparer.Ordinal);
        return latest
            .Select(r => r.Source)
            .Concat(succeeded.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(source =>
            {
                if (!succeeded.TryGetValue(source, out var run) || run.FinishedAt is not { } finished)
                {
                    return new CheckObjectResult(ObjectKind, source, false, "no successful sweep");
                }

                var hours = (int)Math.Floor((context.Now - finished).TotalHours);
                return new CheckObjectResult(ObjectKind, source, hours <= maxAge, string.Create(CultureInfo.InvariantCulture,
                    $"last successful sweep {run.Id} finished {finished:u} ({hours} hours ago, at most {maxAge})"));
            })
            .ToList();
    }
}
