using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Dr;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Paging;
using Qlrf.Rollouts;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Compliance;

/// <summary>
/// A small estate to pack: three prod assets on two image versions (one with an SBOM and a scan), one staging asset, no
/// drills, rollouts or audit entries; the signing key generated in a temporary directory. Stores are Moq fakes: the
/// pack's writing is under test here, the stores have their own.
/// </summary>
internal sealed class EvidencePackSample : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public EvidencePackSample(EvidencePackSigningOptions? signing = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "qlrf-evidence-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Key = new EvidencePackSigningKey(Options.Create(signing ?? new EvidencePackSigningOptions { LocalKeyPath = Path.Combine(Directory, "key.pem") }), NullLogger<EvidencePackSigningKey>.Instance);
        var assets = new[]
        {
            Asset("i-1", "1.0.0", "prod"), Asset("i-2", "2.0.0", "prod"), Asset("i-3", "2.0.0", "prod"), Asset("s-1", "3.0.0", "staging"),
        };
        Inventory.Setup(s => s.QueryAssetsAsync("acme", It.IsAny<AssetFilter>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, AssetFilter f, int _, string? _, CancellationToken _) => new Page<InventoryAsset>([.. assets.Where(a => f.Matches(a.Asset))], null));
        foreach (var version in new[] { "1.0.0", "2.0.0", "3.0.0" })
        {
            var id = "ubuntu-2204-base@" + version;
            Images.Setup(s => s.GetVersionAsync("acme", id, It.IsAny<CancellationToken>())).ReturnsAsync(new ImageVersion
            {
                Organisation = "acme", Id = id, Family = "ubuntu-2204-base", Version = version, CreatedAt = Now, CreatedBy = "alice", Releases = [],
            });
            Images.Setup(s => s.ListScansAsync("acme", id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        }

        Images.Setup(s => s.GetSbomAsync("acme", "ubuntu-2204-base@2.0.0", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SbomSummary("ubuntu-2204-base@2.0.0", SbomFormat.Cyclonedx, "1.5", "img", "syft", Now, 2, Now, "alice"));
        Images.Setup(s => s.ListComponentsAsync("acme", "ubuntu-2204-base@2.0.0", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new SbomComponent("openssl", "3.0.2", "library", "pkg:deb/ubuntu/openssl@3.0.2", "Apache-2.0", null), new SbomComponent("zlib", "1.2.11", "library", null, null, null)]);
        Images.Setup(s => s.ListScansAsync("acme", "ubuntu-2204-base@1.0.0", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ScanSummary("ubuntu-2204-base@1.0.0", ScanFormat.Trivy, "0.50", "img", Now, Now, "alice", SeverityCounts.Of([Finding]))]);
        Images.Setup(s => s.ListFindingsAsync("acme", "ubuntu-2204-base@1.0.0", It.IsAny<CancellationToken>())).ReturnsAsync([Finding]);
        Drills.Setup(s => s.ListAsync("acme", null, It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<DrillRecord>([], null));
        Rollouts.Setup(s => s.ListAsync("acme", It.IsAny<RolloutFilter>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<Rollout>([], null));
        Audit.Setup(s => s.QueryAsync("acme", It.IsAny<AuditFilter>(), It.IsAny<AuditOrder>(), It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<AuditEntry>([], null));
        Writer = new EvidencePackWriter(Inventory.Object, Images.Object, Drills.Object, Approvals.Object, Audit.Object, Key);
        Scoper = new EvidenceScoper(Inventory.Object, Images.Object, Drills.Object, Rollouts.Object);
    }

    public static VulnerabilityFinding Finding { get; } = new("CVE-2026-0001", "openssl", "3.0.1", "3.0.2", Severity.Critical, "overflow");

    public string Directory { get; }

    public EvidencePackSigningKey Key { get; }

    public Mock<IInventoryStore> Inventory { get; } = new();

    public Mock<IImageStore> Images { get; } = new();

    public Mock<IDrillStore> Drills { get; } = new();

    public Mock<IRolloutStore> Rollouts { get; } = new();

    public Mock<IApprovalStore> Approvals { get; } = new();

    public Mock<IAuditReader> Audit { get; } = new();

    public FakeComplianceEvaluator Evaluator { get; } = new();

    public EvidencePackWriter Writer { get; }

    public EvidenceScoper Scoper { get; }

    public static EvidencePack Pack(params string[] environments) => new()
    {
        Id = "evp-test",
        Organisation = "acme",
        Framework = "cis-v8",
        From = Now.AddDays(-30),
        To = Now,
        Environments = environments,
        RequestedBy = "user:alice",
        CreatedAt = Now,
    };

    /// <summary>Scopes and writes the pack into a byte array.</summary>
    public async Task<(byte[] Zip, EvidencePackWritten Written)> WriteAsync(EvidencePack pack)
    {
        var scope = await Scoper.ScopeAsync(pack, default);
        var controls = await Evaluator.EvaluateAsync(pack.Organisation, pack.Framework, pack.Environments, default);
        var frameworks = new List<FrameworkResult>();
        foreach (var f in Evaluator.Frameworks)
        {
            frameworks.Add(await Evaluator.EvaluateAsync(pack.Organisation, f.Id, pack.Environments, default));
        }

        using var output = new MemoryStream();
        var written = await Writer.WriteAsync(pack, scope, controls, frameworks, output, null, default);
        return (output.ToArray(), written);
    }

    public void Dispose()
    {
        Key.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static InventoryAsset Asset(string id, string version, string environment) => new()
    {
        Organisation = "acme",
        Asset = Assets.Make(id, version, environment),
        Source = "sandbox",
        Version = 1,
        Hash = "h",
        FirstSeenAt = Now.AddDays(-40),
        LastChangedAt = Now.AddDays(-2),
    };
}
