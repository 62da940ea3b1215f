using Moq;
using Qlrf.Audit;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Compliance;
using Qlrf.Compliance.Checks;
using Qlrf.Compliance.Frameworks;
using Qlrf.Discovery;
using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Small fixtures for the compliance tests: the checks over mocked stores, contexts, and frameworks written inline.</summary>
internal static class ComplianceFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly HashSet<string> Production = new(["prod", "production"], StringComparer.Ordinal);

    /// <summary>Every check, over stores that answer nothing (enough to load framework files).</summary>
    public static IReadOnlyList<IComplianceCheck> Checks() =>
    [
        new GoldenImageCheck(Mock.Of<IInventoryStore>(), Mock.Of<IDriftStore>()),
        new ImageVulnerabilityCheck(Mock.Of<IImageStore>()),
        new ImageScannedCheck(Mock.Of<IImageStore>()),
        new ImageSbomCheck(Mock.Of<IImageStore>()),
        new DrDrillCheck(Mock.Of<IDrPairStore>(), Mock.Of<IDrillStore>()),
        new ChangeApprovalCheck(Mock.Of<IRolloutStore>(), Mock.Of<IApprovalStore>()),
        new AuditChainCheck(Mock.Of<IAuditReader>()),
        new CertificateExpiryCheck(Mock.Of<ICertificateStore>()),
        new DiscoveryCurrentCheck(Mock.Of<IDiscoveryStore>()),
    ];

    public static IReadOnlyDictionary<string, IComplianceCheck> ChecksById() => Checks().ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static CheckContext Context(IComplianceCheck check, params (string Name, string Value)[] parameters)
    {
        var values = check.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        return new CheckContext("acme", new CheckParameters(values), Now, Production);
    }

    public static Framework Parse(string yaml, string label = "test.yaml") =>
        FrameworkFileReader.Parse(new StringReader(yaml), label, ChecksById());

    public static ImageVersion Version(string id, LifecycleStatus status, DateTimeOffset? promotedAt = null)
    {
        var family = id.Split('@')[0];
        return new ImageVersion
        {
            Organisation = "acme",
            Id = id,
            Family = family,
            Version = id.Split('@')[1],
            CreatedAt = Now.AddDays(-200),
            CreatedBy = "user:alice",
            Releases = [new PlatformRelease { Platform = Platform.Aws, Reference = "ami-0123456789abcdef0", Status = status, PromotedAt = promotedAt }],
        };
    }

    public static ScanSummary Scan(string versionId, DateTimeOffset at) =>
        new(versionId, Qlrf.Images.Scanners.ScanFormat.Trivy, "0.58", null, at, at, "user:alice", Qlrf.Images.Scanners.SeverityCounts.Of([]));
}
