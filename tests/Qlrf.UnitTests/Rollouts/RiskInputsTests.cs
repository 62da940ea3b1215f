using Qlrf.Workflows.Rollouts.Planning;
using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Rollouts;

public sealed class RiskInputsTests
{
    private readonly ManualTimeProvider time = new();

    [Fact]
    public async Task The_target_is_judged_on_unique_vulnerabilities_each_at_its_highest_severity()
    {
        using var stores = new RegistryStores(RegistryStores.Sqlite, time);
        await stores.Images.CreateFamilyAsync(new ImageFamily { Organisation = "acme", Name = "debian-12", Os = "linux", Owner = "platform", CreatedAt = time.GetUtcNow(), CreatedBy = "alice" }, default);
        var target = await stores.Images.RegisterVersionAsync(new ImageVersion
        {
            Organisation = "acme",
            Id = "debian-12@2026.11",
            Family = "debian-12",
            Version = "2026.11",
            CreatedAt = time.GetUtcNow(),
            CreatedBy = "alice",
            Releases = [new PlatformRelease { Platform = Platform.Aws, Reference = "ami-0123456789abcdef0" }],
        }, default);
        VulnerabilityFinding Finding(string cve, string package, Severity severity) => new(cve, package, "1", null, severity, null);
        await stores.Images.SaveScanAsync("acme", target.Id, new ScanReport(ScanFormat.Trivy, null, null, null,
        [
            // One critical CVE in three packages, graded high in one of them; one high CVE in two packages.
            Finding("CVE-2024-5535", "openssl", Severity.Critical),
            Finding("CVE-2024-5535", "libssl3", Severity.Critical),
            Finding("CVE-2024-5535", "libssl-dev", Severity.High),
            Finding("CVE-2024-6119", "openssl", Severity.High),
            Finding("CVE-2024-6119", "libssl3", Severity.High),
        ]), "alice", default);
        var inputs = new RiskInputs(stores.Images, stores.Drift, stores.Inventory, stores.Rollouts);

        var (input, critical) = await inputs.GatherAsync("rollout-1", target, [], time.GetUtcNow(), "dr-group", TimeSpan.FromDays(30), default);

        Assert.Equal((1, 1, 1), (input.CriticalCves, input.HighCves, critical));
    }
}
