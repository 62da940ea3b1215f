using Qlrf.Certificates;

namespace Qlrf.UnitTests.Certificates;

internal static class CertificateFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static Certificate Cert(string id = "sandbox:web", double daysLeft = 60, string environment = "prod", string thumbprint = "AA11", params string[] sans) => new()
    {
        Id = id,
        Organisation = "acme",
        Store = "sandbox",
        StoreKind = CertificateStoreKinds.Sandbox,
        Name = id.Split(':')[^1],
        Environment = environment,
        Subject = "CN=web.example.test",
        Issuer = "CN=QL-RF Sandbox CA",
        Thumbprint = thumbprint,
        SerialNumber = "01",
        NotBefore = T0.AddDays(-30),
        NotAfter = T0.AddDays(daysLeft),
        SubjectAlternativeNames = sans.Length == 0 ? ["web.example.test"] : sans,
        KeyType = "RSA",
        KeySize = 2048,
    };
}
