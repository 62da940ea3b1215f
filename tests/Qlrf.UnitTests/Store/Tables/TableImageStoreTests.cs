using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>What the Table Storage registry adds to the shared contract: atomic batches, ETag retries and rows that fit.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableImageStoreTests
{
    private const string Org = "acme";
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly TableImageStore images;

    public TableImageStoreTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        images = new TableImageStore(tables, time);
    }

    private ObservedTable Table => tables.Table(TableNames.Images);

    private async Task RegisterAsync(params string[] versions)
    {
        await images.CreateFamilyAsync(new ImageFamily { Organisation = Org, Name = "ubuntu", Os = "linux", Owner = "platform", CreatedAt = time.GetUtcNow(), CreatedBy = "alice" }, default);
        foreach (var version in versions)
        {
            await images.RegisterVersionAsync(new ImageVersion
            {
                Organisation = Org,
                Id = "ubuntu@" + version,
                Family = "ubuntu",
                Version = version,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = "alice",
                Releases = [new PlatformRelease { Platform = Platform.Aws, Reference = "ami-" + version }],
            }, default);
        }
    }

    private TransitionRequest Move(string id, LifecycleStatus to) => new() { VersionId = id, To = to, Reason = "ship it", Actor = "bob", At = time.GetUtcNow() };

    [Fact]
    public async Task A_transition_writes_the_versions_it_changes_its_transitions_the_revision_and_the_drift_mark_in_one_batch()
    {
        await RegisterAsync("1.0", "2.0");
        await images.TransitionAsync(Org, Move("ubuntu@1.0", LifecycleStatus.Testing), default);
        await images.TransitionAsync(Org, Move("ubuntu@1.0", LifecycleStatus.Production), default);
        await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Testing), default);
        var before = Table.Batches.Count;

        await images.TransitionAsync(Org, Move("ubuntu@2.0", LifecycleStatus.Production), default);

        var batch = Assert.Single(Table.Batches.Skip(before));
        Assert.Equal(
            ["f|ubuntu", "p|ubuntu", "t|ubuntu@1.0|0000000000000000003", "t|ubuntu@2.0|0000000000000000002", "v|ubuntu@1.0", "v|ubuntu@2.0"],
            batch.Select(a => a.Row.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(6, (await Table.GetAsync(Org, "f|ubuntu", default))!.Number("Revision"));
    }

    [Fact]
    public async Task A_transition_that_races_another_write_of_the_family_is_planned_again_and_recorded_once()
    {
        await RegisterAsync("1.0");
        Table.RaceNextSubmit();

        var plan = await images.TransitionAsync(Org, Move("ubuntu@1.0", LifecycleStatus.Testing), default);

        Assert.Single(plan.Transitions);
        Assert.Single(await images.ListTransitionsAsync(Org, "ubuntu@1.0", default));
        Assert.Equal(LifecycleStatus.Testing, (await images.GetVersionAsync(Org, "ubuntu@1.0", default))!.Releases[0].Status);
    }

    [Fact]
    public async Task Findings_of_more_than_a_batch_takes_are_written_in_batches_that_fit_and_read_back_whole()
    {
        await RegisterAsync("1.0");
        var findings = Enumerable.Range(0, 6000)
            .Select(i => new VulnerabilityFinding($"CVE-2026-{i:D5}", "package-" + i, "1.0", "1.1", (Severity)(i % 4), new string('x', 1000)))
            .ToList();

        await images.SaveScanAsync(Org, "ubuntu@1.0", new ScanReport(ScanFormat.Trivy, null, null, null, findings), "alice", default);

        var evidence = tables.Table(TableNames.ImageEvidence);
        Assert.True(evidence.Batches.Count(b => b.All(a => a.Row.RowKey.StartsWith("fs|", StringComparison.Ordinal))) > 1);
        Assert.All(evidence.Batches, b => Assert.True(b.Sum(a => TableLimits.SizeOf(a.Row)) <= TableLimits.MaxBatchBytes));
        Assert.Equal(findings.Select(f => f.Id).Order(StringComparer.Ordinal), (await images.ListFindingsAsync(Org, "ubuntu@1.0", default)).Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Findings_and_components_too_big_for_one_row_are_split_read_back_whole_and_the_replaced_import_is_deleted()
    {
        await RegisterAsync("1.0");
        var findings = Enumerable.Range(0, 3000)
            .Select(i => new VulnerabilityFinding($"CVE-2026-{i:D5}", "package-" + i, "1.0", "1.1", (Severity)(i % 4), new string('x', 200)))
            .ToList();
        var components = Enumerable.Range(0, 4000).Select(i => new SbomComponent($"component-{i:D5}", "1.0", "library", $"pkg:generic/component-{i}@1.0", "MIT", new string('s', 100))).ToList();

        await images.SaveScanAsync(Org, "ubuntu@1.0", new ScanReport(ScanFormat.Trivy, null, null, null, findings), "alice", default);
        await images.SaveSbomAsync(Org, "ubuntu@1.0", new SbomDocument(SbomFormat.Spdx, "2.3", null, null, null, components), "alice", default);

        var evidence = tables.Table(TableNames.ImageEvidence);
        var partition = TableKeys.Join(Org, "ubuntu@1.0");
        Assert.True((await evidence.QueryPrefixAsync(partition, "fs|", default).ToListAsync(default)).Count > 1);
        Assert.Equal(3000, (await images.ListFindingsAsync(Org, "ubuntu@1.0", default)).Count);
        Assert.Equal(components.Select(c => c.Name), (await images.ListComponentsAsync(Org, "ubuntu@1.0", default)).Select(c => c.Name));

        time.Advance(TimeSpan.FromMinutes(1));
        await images.SaveScanAsync(Org, "ubuntu@1.0", new ScanReport(ScanFormat.Trivy, null, null, null, findings.Take(2).ToList()), "alice", default);

        Assert.Single(await evidence.QueryPrefixAsync(partition, "fs|", default).ToListAsync(default));
        Assert.Equal(2, (await images.ListFindingsAsync(Org, "ubuntu@1.0", default)).Count);
    }
}
