using Qlrf.Certificates;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

public sealed class ExpiryBucketsTests
{
    [Theory]
    [InlineData(-1, ExpiryBucket.Expired)]
    [InlineData(0, ExpiryBucket.Expired)]
    [InlineData(0.5, ExpiryBucket.Within7Days)]
    [InlineData(6.99, ExpiryBucket.Within7Days)]
    [InlineData(7, ExpiryBucket.Within30Days)]
    [InlineData(29, ExpiryBucket.Within30Days)]
    [InlineData(30, ExpiryBucket.Within90Days)]
    [InlineData(89.9, ExpiryBucket.Within90Days)]
    [InlineData(90, ExpiryBucket.Later)]
    public void Bucket_boundaries_are_exclusive_above(double daysLeft, ExpiryBucket expected) =>
        Assert.Equal(expected, ExpiryBuckets.Of(T0.AddDays(daysLeft), T0));

    [Fact]
    public void Summary_counts_each_certificate_in_one_bucket()
    {
        var summary = CertificateSummary.Of([Cert(daysLeft: -3), Cert(daysLeft: 5), Cert(daysLeft: 5), Cert(daysLeft: 20), Cert(daysLeft: 400)], T0);

        Assert.Equal(new CertificateSummary(5, 1, 2, 1, 0, 1), summary);
    }

    [Fact]
    public void Filter_matches_expiry_issuer_store_and_environment_together()
    {
        var filter = new CertificateFilter { ExpiringWithinDays = 7, Now = T0, Issuer = "sandbox", Environment = "prod" };

        Assert.True(filter.Matches(Cert(daysLeft: 5)));
        Assert.True(filter.Matches(Cert(daysLeft: -5)));
        Assert.False(filter.Matches(Cert(daysLeft: 8)));
        Assert.False(filter.Matches(Cert(daysLeft: 5, environment: "dev")));
        Assert.False(filter.Matches(Cert(daysLeft: 5) with { Issuer = "CN=DigiCert" }));
        Assert.False((filter with { Store = "kv-prod" }).Matches(Cert(daysLeft: 5)));
    }
}
