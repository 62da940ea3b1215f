using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Api.Infrastructure;
using Qlrf.Certificates;
using Qlrf.Certificates.Sweeps;
using Qlrf.Errors;

namespace Qlrf.Api.Certificates;

/// <summary>
/// The certificate inventory: list (filters: expiring within N days, issuer, store, environment), detail, summary by
/// expiry bucket, usage (blast radius), change history, alerts and their acknowledgement, and sweeping a source now.
/// </summary>
public sealed class CertificatesFunctions(ICertificateStore store, CertificateSweeper sweeper, RequestContext request, TimeProvider time)
{
    public const string Listing = "certificates";

    public async Task<Ok<PageResponse<CertificateView>>> ListCertificatesAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var now = time.GetUtcNow();
        int? days = null;
        if (Query.Value(query, "expiringWithinDays") is { } text)
        {
            days = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 3650
                ? d
                : throw new RequestValidationException("expiringWithinDays", "must be a whole number from 0 to 3650.");
        }

        var filter = new CertificateFilter
        {
            ExpiringWithinDays = days,
            Now = now,
            Issuer = Query.Value(query, "issuer"),
            Store = Query.Value(query, "store"),
            Environment = Query.Value(query, "environment"),
        };
        var result = await store.ListAsync(request.Organisation, filter, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<CertificateView>([.. result.Items.Select(c => CertificateView.Of(c, now))], PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<CertificateSummary>> GetCertificateSummaryAsync(CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificateSummary.Of(await store.ListAllAsync(request.Organisation, cancellationToken), time.GetUtcNow()));

    public async Task<Ok<CertificateDetail>> GetCertificateAsync(string id, CancellationToken cancellationToken)
    {
        var certificate = await FindAsync(store, request.Organisation, id, cancellationToken);
        var now = time.GetUtcNow();
        var radius = BlastRadius.Of(certificate.Id, await store.ListUsagesAsync(request.Organisation, certificate.Id, cancellationToken));
        var alerts = (await store.ListAlertsAsync(request.Organisation, includeAcknowledged: true, cancellationToken)).Where(a => a.CertificateId == certificate.Id).ToList();
        var rotations = await store.ListRotationsAsync(request.Organisation, certificate.Id, cancellationToken);
        return TypedResults.Ok(new CertificateDetail(
            certificate, ExpiryBuckets.Of(certificate.NotAfter, now), ExpiryBuckets.DaysLeft(certificate.NotAfter, now), radius.Usages.Count, radius.ByEnvironment, alerts, rotations.Count == 0 ? null : rotations[0]));
    }

    public async Task<Ok<CertificateUsageView>> GetCertificateUsageAsync(string id, CancellationToken cancellationToken)
    {
        var certificate = await FindAsync(store, request.Organisation, id, cancellationToken);
        var radius = BlastRadius.Of(certificate.Id, await store.ListUsagesAsync(request.Organisation, certificate.Id, cancellationToken));
        return TypedResults.Ok(new CertificateUsageView(certificate.Id, radius.Usages.Count, radius.ByEnvironment, radius.ByKind, radius.Usages));
    }

    public async Task<Ok<IReadOnlyList<CertificateChange>>> GetCertificateHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var certificate = await FindAsync(store, request.Organisation, id, cancellationToken);
        return TypedResults.Ok(await store.ListChangesAsync(request.Organisation, certificate.Id, cancellationToken));
    }

    public async Task<Ok<IReadOnlyList<CertificateAlert>>> ListCertificateAlertsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = Query.Value(query, "includeAcknowledged") switch
        {
            null or "false" => false,
            "true" => true,
            _ => throw new RequestValidationException("includeAcknowledged", "must be true or false."),
        };
        return TypedResults.Ok(await store.ListAlertsAsync(request.Organisation, all, cancellationToken));
    }

    public async Task<Ok<CertificateAlert>> AcknowledgeCertificateAlertAsync(string id, AcknowledgeBody? body, CancellationToken cancellationToken)
    {
        if (body?.Comment is { Length: > 1000 })
        {
            throw new RequestValidationException("comment", "must be at most 1000 characters.");
        }

        var alert = await store.GetAlertAsync(request.Organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no certificate alert '{id}'.");
        var (acknowledged, refusal) = CertificateAlertRules.Acknowledge(alert, request.Actor, body?.Comment, time.GetUtcNow());
        if (refusal is not null)
        {
            throw new ConflictException(refusal);
        }

        await store.SaveAlertAsync(acknowledged!, cancellationToken);
        request.AuditDetails["certificateId"] = alert.CertificateId;
        request.AuditDetails["thresholdDays"] = alert.ThresholdDays.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(acknowledged!);
    }

    public async Task<Ok<CertificateSweepView>> SweepCertificateSourceAsync(string id, CancellationToken cancellationToken)
    {
        var changes = await sweeper.SweepAsync(request.Organisation, id, cancellationToken);
        request.AuditDetails["source"] = id;
        return TypedResults.Ok(new CertificateSweepView(id, changes.Count, changes));
    }

    internal static async Task<Certificate> FindAsync(ICertificateStore store, string organisation, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no certificate '{id}'.");
}
