namespace Qlrf.Certificates;

/// <summary>Where a certificate's expiry falls: expired, or within 7, 30 or 90 days, or later.</summary>
public enum ExpiryBucket
{
    Expired,
    Within7Days,
    Within30Days,
    Within90Days,
    Later,
}

public static class ExpiryBuckets
{
    /// <summary>The bucket of <paramref name="notAfter"/> seen at <paramref name="now"/>. Expired from its last instant on.</summary>
    public static ExpiryBucket Of(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var left = notAfter - now;
        return left switch
        {
            _ when left <= TimeSpan.Zero => ExpiryBucket.Expired,
            _ when left < TimeSpan.FromDays(7) => ExpiryBucket.Within7Days,
            _ when left < TimeSpan.FromDays(30) => ExpiryBucket.Within30Days,
            _ when left < TimeSpan.FromDays(90) => ExpiryBucket.Within90Days,
            _ => ExpiryBucket.Later,
        };
    }

    /// <summary>Whole days left, rounded down; negative once expired.</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);
}

/// <summary>Counts of an organisation's certificates by expiry bucket.</summary>
public sealed record CertificateSummary(int Total, int Expired, int Within7Days, int Within30Days, int Within90Days, int Later)
{
    public static CertificateSummary Of(IEnumerable<Certificate> certificates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var counts = new int[5];
        var total = 0;
        foreach (var certificate in certificates)
        {
            counts[(int)ExpiryBuckets.Of(certificate.NotAfter, now)]++;
            total++;
        }

        return new CertificateSummary(total, counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
