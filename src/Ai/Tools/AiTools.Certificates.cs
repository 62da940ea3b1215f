using Qlrf.Certificates;
using Qlrf.Errors;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    /// <summary>The expiry window when a request names none.</summary>
    public const int DefaultExpiryDays = 30;

    private async Task<AiToolOutput> CertificateExpiryAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var days = call.Whole("withinDays") ?? DefaultExpiryDays;
        var filter = new CertificateFilter { ExpiringWithinDays = days, Now = now, Environment = call.Text("environment"), Issuer = call.Text("issuer"), Store = call.Text("store") };
        var limit = Math.Min(call.Whole("limit") ?? 25, MaxItems);
        var page = await certificates.ListAsync(organisation, filter, limit, null, cancellationToken);
        var summary = CertificateSummary.Of(await certificates.ListAllAsync(organisation, cancellationToken), now);
        var soonest = page.Items.Count == 0 ? string.Empty
            : $"; soonest {page.Items[0].Id} in {ExpiryBuckets.DaysLeft(page.Items[0].NotAfter, now)} day(s)";
        return AiToolOutput.Of(
            $"{page.Items.Count}{(page.NextCursor is null ? string.Empty : "+")} certificate(s) expire within {days} days{soonest}; {summary.Expired} expired, {summary.Within7Days} within 7 days, {summary.Within30Days} within 30, {summary.Within90Days} within 90, of {summary.Total}",
            new
            {
                withinDays = days,
                summary,
                more = page.NextCursor is not null,
                certificates = page.Items.Select(c => new
                {
                    c.Id,
                    c.Name,
                    c.Store,
                    c.Environment,
                    c.Issuer,
                    c.NotAfter,
                    daysLeft = ExpiryBuckets.DaysLeft(c.NotAfter, now),
                    bucket = ExpiryBuckets.Of(c.NotAfter, now),
                }).ToList(),
            });
    }

    private async Task<AiToolOutput> CertificateUsageAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var id = call.Text("certificate") ?? throw new RequestValidationException("certificate", "is required.");
        var certificate = await certificates.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no certificate '{id}'.");
        var radius = BlastRadius.Of(certificate.Id, await certificates.ListUsagesAsync(organisation, certificate.Id, cancellationToken));
        var where = radius.ByEnvironment.Count == 0 ? "nothing" : string.Join(", ", radius.ByEnvironment.Select(e => $"{e.Value} in {e.Key}"));
        return AiToolOutput.Of(
            $"{certificate.Id} has {radius.Usages.Count} usage(s): {where}",
            new
            {
                certificate = certificate.Id,
                certificate.Environment,
                certificate.NotAfter,
                usages = radius.Usages.Count,
                byEnvironment = radius.ByEnvironment,
                byKind = radius.ByKind,
                items = radius.Usages.Take(MaxItems).Select(u => new { u.Kind, u.Target, u.Environment, u.Via, u.Deployable }).ToList(),
            });
    }
}
