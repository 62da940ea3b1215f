using Qlrf.Certificates;

namespace Qlrf.Api.Certificates;

/// <summary>A certificate as listed: the record, its expiry bucket and whole days left.</summary>
public sealed record CertificateView(Certificate Certificate, ExpiryBucket Bucket, int DaysLeft)
{
    public static CertificateView Of(Certificate certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new(certificate, ExpiryBuckets.Of(certificate.NotAfter, now), ExpiryBuckets.DaysLeft(certificate.NotAfter, now));
    }
}

/// <summary>A certificate's detail: the record, its usage counts, open alerts and latest rotation.</summary>
public sealed record CertificateDetail(
    Certificate Certificate,
    ExpiryBucket Bucket,
    int DaysLeft,
    int Usages,
    IReadOnlyDictionary<string, int> UsagesByEnvironment,
    IReadOnlyList<CertificateAlert> Alerts,
    CertificateRotation? LatestRotation);

/// <summary>What uses a certificate, with counts by environment and by kind.</summary>
public sealed record CertificateUsageView(
    string CertificateId,
    int Total,
    IReadOnlyDictionary<string, int> ByEnvironment,
    IReadOnlyDictionary<UsageKind, int> ByKind,
    IReadOnlyList<CertificateUsage> Usages);

/// <summary>The body of an acknowledgement.</summary>
public sealed record AcknowledgeBody(string? Comment);

/// <summary>The body of a rotation request: optional validity of the new version and a reason.</summary>
public sealed record StartRotationBody(int? ValidityDays, string? Reason);

/// <summary>A source sweep's result.</summary>
public sealed record CertificateSweepView(string Source, int Changes, IReadOnlyList<CertificateChange> Changed);
