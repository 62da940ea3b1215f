using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

/// <summary>The image registry's behaviour, the same on the embedded store and on the Table Storage stores.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImageStoreContractTests(Azurite azurite)
{
    private const string Org = "acme";
    private readonly ManualTimeProvider time = new();

    public static TheoryData<string> Backends => RegistryStores.Backends;

    private ImageFamily Family(string name = "ubuntu", string owner = "platform") =>
        new() { Organisation = Org, Name = name, Os = "linux", Owner = owner, CreatedAt = time.GetUtcNow(), CreatedBy = "alice" };

    private ImageVersion Version(string version, string reference = "ami-1", string family = "ubuntu") => new()
    {
        Organisation = Org,
        Id = $"{family}@{version}",
        Family = family,
        Version = version,
        CreatedAt = time.GetUtcNow(),
        CreatedBy = "alice",
        Releases = [new PlatformRelease { Platform = Platform.Gcp, Reference = reference + "-gcp" }, new PlatformRelease { Platform = Platform.Aws, Reference = reference }],
    };

    private TransitionRequest Move(string id, LifecycleStatus to, bool rollback = false) =>
        new() { VersionId = id, To = to, Reason = "because", Rollback = rollback, Actor = "bob", At = time.GetUtcNow() };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Creating_and_registering_again_returns_what_is_stored_and_a_different_definition_is_a_conflict(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var images = stores.Images;
        await images.CreateFamilyAsync(Family(), default);

        Assert.Equal("platform", (await images.CreateFamilyAsync(Family(), default)).Owner);
        await Assert.ThrowsAsync<ConflictException>(() => images.CreateFamilyAsync(Family(owner: "other"), default));
        await Assert.ThrowsAsync<NotFoundException>(() => images.RegisterVersionAsync(Version("1.0", family: "debian"), default));

        var registered = await images.RegisterVersionAsync(Version("2026.9"), default);
        Assert.All(registered.Releases, r => Assert.Equal(LifecycleStatus.Draft, r.Status));
        Assert.Equal(registered.Id, (await images.RegisterVersionAsync(Version("2026.9"), default)).Id);
        await Assert.ThrowsAsync<ConflictException>(() => images.RegisterVersionAsync(Version("2026.9", "ami-other"), default));
        await Assert.ThrowsAsync<ConflictException>(() => images.RegisterVersionAsync(Version("2026.09"), default));
        await images.RegisterVersionAsync(Version("2026.10"), default);

        Assert.Equal(["ubuntu@2026.10", "ubuntu@2026.9"], (await images.ListVersionsAsync(Org, "ubuntu", default)).Select(v => v.Id));
        Assert.Equal([Platform.Aws, Platform.Gcp], (await images.GetVersionAsync(Org, "ubuntu@2026.9", default))!.Releases.Select(r => r.Platform));
        Assert.Equal(["ubuntu"], (await images.ListFamiliesAsync(Org, default)).Select(f => f.Name));
        Assert.Empty(await images.ListFamiliesAsync("globex", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_promotion_supersedes_production_records_transitions_and_marks_drift_and_a_rollback_restores(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var images = stores.Images;
        await images.CreateFamilyAsync(Family(), default);
        await images.RegisterVersionAsync(Version("1.0"), default);
        await images.RegisterVersionAsync(Version("2.0"), default);
        await stores.Drift.ReevaluateFamilyAsync(Org, "ubuntu", default);
        Assert.Empty(await stores.Drift.ListPendingAsync(default));
        await images.TransitionAsync(Org, Move("ubuntu@1.0", LifecycleStatus.Testing), default);
        await images.TransitionAsync(Org, Move("ubuntu@1.0", LifecycleStatus.Production), default);
        await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Testing), default);
        time.Advance(TimeSpan.FromDays(1));

        var plan = await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Production), default);

        Assert.Equal(4, plan.Transitions.Count);
        Assert.Empty((await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Production), default)).Transitions);
        Assert.All((await images.GetVersionAsync(Org, "ubuntu@1.0", default))!.Releases, r => Assert.Equal(LifecycleStatus.Deprecated, r.Status));
        Assert.Equal(
            [(LifecycleStatus.Draft, LifecycleStatus.Testing, TransitionCause.Requested), (LifecycleStatus.Draft, LifecycleStatus.Testing, TransitionCause.Requested),
             (LifecycleStatus.Testing, LifecycleStatus.Production, TransitionCause.Requested), (LifecycleStatus.Testing, LifecycleStatus.Production, TransitionCause.Requested),
             (LifecycleStatus.Production, LifecycleStatus.Deprecated, TransitionCause.Superseded), (LifecycleStatus.Production, LifecycleStatus.Deprecated, TransitionCause.Superseded)],
            (await images.ListTransitionsAsync(Org, "ubuntu@1.0", default)).Select(t => (t.From, t.To, t.Cause)).Order());
        Assert.Equal([(Org, "ubuntu")], await stores.Drift.ListPendingAsync(default));
        await Assert.ThrowsAsync<ConflictException>(() => images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Testing), default));

        await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Testing, rollback: true), default);

        Assert.All((await images.GetVersionAsync(Org, "ubuntu@1.0", default))!.Releases, r => Assert.Equal(LifecycleStatus.Production, r.Status));
        Assert.Equal(6, (await images.ListTransitionsAsync(Org, "ubuntu@2.0", default)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Lineage_adds_an_edge_once_and_refuses_a_cycle_or_a_different_relation(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var images = stores.Images;
        await images.CreateFamilyAsync(Family(), default);
        foreach (var v in new[] { "1.0", "2.0", "3.0" })
        {
            await images.RegisterVersionAsync(Version(v), default);
        }

        LineageEdge Edge(string child, string parent, LineageRelation relation = LineageRelation.DerivedFrom) => new($"ubuntu@{child}", $"ubuntu@{parent}", relation, time.GetUtcNow(), "alice");
        await images.AddLineageAsync(Org, Edge("2.0", "1.0"), default);
        await images.AddLineageAsync(Org, Edge("3.0", "2.0"), default);
        await images.AddLineageAsync(Org, Edge("3.0", "2.0"), default);

        await Assert.ThrowsAsync<ConflictException>(() => images.AddLineageAsync(Org, Edge("1.0", "3.0"), default));
        await Assert.ThrowsAsync<ConflictException>(() => images.AddLineageAsync(Org, Edge("3.0", "2.0", LineageRelation.PatchedFrom), default));
        await Assert.ThrowsAsync<NotFoundException>(() => images.AddLineageAsync(Org, Edge("4.0", "1.0"), default));
        Assert.Equal(2, (await images.ListLineageAsync(Org, default)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_scan_keeps_unique_vulnerabilities_and_findings_by_severity_and_an_older_scan_is_counted_again(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var images = stores.Images;
        await images.CreateFamilyAsync(Family(), default);
        await images.RegisterVersionAsync(Version("1.0"), default);
        VulnerabilityFinding Finding(string cve, Severity severity, string package) => new(cve, package, "1.0", "1.1", severity, "title");
        await images.SaveScanAsync(Org, "ubuntu@1.0", new ScanReport(ScanFormat.Trivy, "0.50", "img", null,
            [Finding("CVE-1", Severity.Critical, "openssl"), Finding("CVE-1", Severity.Critical, "libssl3"), Finding("CVE-2", Severity.High, "curl")]), "alice", default);

        var scan = Assert.Single(await images.ListScansAsync(Org, "ubuntu@1.0", default));
        await stores.RewriteScanCountsAsync(Org, "ubuntu@1.0", "trivy", """{"unknown":0,"negligible":0,"low":0,"medium":0,"high":1,"critical":2}""");
        var older = Assert.Single(await images.ListScansAsync(Org, "ubuntu@1.0", default));

        Assert.Equal((1, 2, 1, 1), (scan.Counts.Vulnerabilities[Severity.Critical], scan.Counts.Findings[Severity.Critical], scan.Counts.Vulnerabilities[Severity.High], scan.Counts.Findings[Severity.High]));
        Assert.Equal(scan.Counts.Vulnerabilities, older.Counts.Vulnerabilities);
        Assert.Equal(scan.Counts.Findings, older.Counts.Findings);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_scan_replaces_that_scanners_findings_and_an_sbom_and_builds_are_kept_per_version(string backend)
    {
        using var stores = new RegistryStores(backend, time, azurite);
        var images = stores.Images;
        await images.CreateFamilyAsync(Family(), default);
        await images.RegisterVersionAsync(Version("1.0"), default);
        var id = "ubuntu@1.0";
        VulnerabilityFinding Finding(string cve, Severity severity, string package = "openssl") => new(cve, package, "1.0", "1.1", severity, "title");

        await images.SaveScanAsync(Org, id, new ScanReport(ScanFormat.Trivy, "0.50", "img", null, [Finding("CVE-1", Severity.Low), Finding("CVE-2", Severity.High)]), "alice", default);
        await images.SaveScanAsync(Org, id, new ScanReport(ScanFormat.Grype, "0.70", "img", null, [Finding("CVE-1", Severity.Critical)]), "alice", default);
        var replaced = await images.SaveScanAsync(Org, id, new ScanReport(ScanFormat.Trivy, "0.51", "img", null, [Finding("CVE-3", Severity.Medium)]), "bob", default);

        Assert.Equal((1, 1), (replaced.Counts.Vulnerabilities[Severity.Medium], replaced.Counts.Findings[Severity.Medium]));
        Assert.Equal([ScanFormat.Grype, ScanFormat.Trivy], (await images.ListScansAsync(Org, id, default)).Select(s => s.Scanner));
        Assert.Equal([("CVE-1", Severity.Critical), ("CVE-3", Severity.Medium)], (await images.ListFindingsAsync(Org, id, default)).Select(f => (f.Id, f.Severity)));
        await Assert.ThrowsAsync<NotFoundException>(() => images.SaveScanAsync(Org, "ubuntu@9.9", new ScanReport(ScanFormat.Trivy, null, null, null, []), "bob", default));

        SbomComponent Component(string name, string version) => new(name, version, "library", $"pkg:deb/{name}@{version}", "MIT", null);
        await images.SaveSbomAsync(Org, id, new SbomDocument(SbomFormat.Cyclonedx, "1.5", "img", "syft", null, [Component("zlib", "1"), Component("bash", "5")]), "alice", default);
        var sbom = await images.SaveSbomAsync(Org, id, new SbomDocument(SbomFormat.Cyclonedx, "1.6", "img", "syft", null, [Component("zlib", "2"), Component("curl", "8"), Component("apt", "2")]), "alice", default);

        Assert.Equal(3, sbom.ComponentCount);
        Assert.Equal("1.6", (await images.GetSbomAsync(Org, id, default))!.SpecVersion);
        Assert.Equal(["apt", "curl", "zlib"], (await images.ListComponentsAsync(Org, id, default)).Select(c => c.Name));
        Assert.Null(await images.GetSbomAsync(Org, "ubuntu@2.0", default));

        BuildRecord Build(string buildId, int hour) => new()
        {
            Id = buildId,
            VersionId = id,
            Builder = "packer",
            SourceRepository = "git@example:images",
            Commit = "abc",
            StartedAt = time.GetUtcNow().AddHours(hour),
            FinishedAt = time.GetUtcNow().AddHours(hour + 1),
            RecordedAt = time.GetUtcNow(),
            RecordedBy = "ci",
        };
        await images.AddBuildAsync(Org, Build("b1", 0), default);
        await images.AddBuildAsync(Org, Build("b2", 5), default);
        await images.AddBuildAsync(Org, Build("b1", 9), default);

        Assert.Equal(["b2", "b1"], (await images.ListBuildsAsync(Org, id, default)).Select(b => b.Id));
    }
}
