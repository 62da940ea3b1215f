using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>
/// Vulnerability scans, SBOMs and builds (<see cref="TableNames.ImageEvidence"/>, a partition per version). An import
/// writes its items under a new generation, then replaces the summary row, conditional on the ETag it read, to point
/// at it, and then deletes the generation it replaced: readers follow the summary row, so they see one import whole.
/// An import that stops before its summary write leaves unreferenced parts behind, which readers never see.
/// </summary>
public sealed partial class TableImageStore
{
    private ITable Evidence => tables[TableNames.ImageEvidence];

    public async Task<ScanSummary> SaveScanAsync(string organisation, string versionId, ScanReport report, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var importedAt = time.GetUtcNow();
        await RequireVersionAsync(organisation, versionId, cancellationToken);
        var scanner = EnumText<ScanFormat>.Of(report.Format);
        var summary = new ScanSummary(versionId, report.Format, report.ScannerVersion, report.Artifact, report.ScannedAt, importedAt, actor, report.Counts);
        await ImportAsync(EvidencePartition(organisation, versionId), TableKeys.Join("scan", scanner), TableKeys.Join("fs", scanner) + TableKeys.Separator, summary, report.Findings, cancellationToken);
        return summary;
    }

    public async Task<IReadOnlyList<ScanSummary>> ListScansAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        var partition = EvidencePartition(organisation, versionId);
        var scans = new List<ScanSummary>();
        await foreach (var row in Evidence.QueryPrefixAsync(partition, "scan" + TableKeys.Separator, cancellationToken))
        {
            var scan = JsonColumns.Read<ScanSummary>(row);
            // Scans imported before both counts were kept hold findings by severity only: count them again.
            scans.Add(scan.Counts is { Vulnerabilities: not null, Findings: not null }
                ? scan
                : scan with { Counts = SeverityCounts.Of(await ReadFindingsAsync(partition, row, cancellationToken)) });
        }

        return scans;
    }

    public async Task<IReadOnlyList<VulnerabilityFinding>> ListFindingsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        var partition = EvidencePartition(organisation, versionId);
        var findings = new List<VulnerabilityFinding>();
        await foreach (var scan in Evidence.QueryPrefixAsync(partition, "scan" + TableKeys.Separator, cancellationToken))
        {
            findings.AddRange(await ReadFindingsAsync(partition, scan, cancellationToken));
        }

        return VulnerabilityFinding.Distinct(findings);
    }

    public async Task<SbomSummary> SaveSbomAsync(string organisation, string versionId, SbomDocument sbom, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sbom);
        var importedAt = time.GetUtcNow();
        await RequireVersionAsync(organisation, versionId, cancellationToken);
        var summary = new SbomSummary(versionId, sbom.Format, sbom.SpecVersion, sbom.Subject, sbom.Tool, sbom.CreatedAt, sbom.Components.Count, importedAt, actor);
        await ImportAsync(EvidencePartition(organisation, versionId), "sbom", "c" + TableKeys.Separator, summary, sbom.Components, cancellationToken);
        return summary;
    }

    public async Task<SbomSummary?> GetSbomAsync(string organisation, string versionId, CancellationToken cancellationToken) =>
        await Evidence.GetAsync(EvidencePartition(organisation, versionId), "sbom", cancellationToken) is { } row ? JsonColumns.Read<SbomSummary>(row) : null;

    public async Task<IReadOnlyList<SbomComponent>> ListComponentsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        var partition = EvidencePartition(organisation, versionId);
        if (await Evidence.GetAsync(partition, "sbom", cancellationToken) is not { } sbom)
        {
            return [];
        }

        var components = await JsonParts.ReadAsync<SbomComponent>(Evidence, partition, PartsPrefix("c" + TableKeys.Separator, sbom.Text("Generation")), cancellationToken);
        return components.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal).ToList();
    }

    public async Task<BuildRecord> AddBuildAsync(string organisation, BuildRecord build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        await RequireVersionAsync(organisation, build.VersionId, cancellationToken);
        var row = new TableRow(EvidencePartition(organisation, build.VersionId), TableKeys.Join("b", build.Id));
        JsonColumns.Write(row, build);
        try
        {
            await Evidence.AddAsync(row, cancellationToken);
        }
        catch (TableConflictException)
        {
            // Recorded already: the first record stands.
        }

        return build;
    }

    public async Task<IReadOnlyList<BuildRecord>> ListBuildsAsync(string organisation, string versionId, CancellationToken cancellationToken) =>
        (await Evidence.QueryPrefixAsync(EvidencePartition(organisation, versionId), "b" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<BuildRecord>).OrderByDescending(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();

    /// <summary>The findings of the scan whose summary row is <paramref name="scan"/>, as stored.</summary>
    private async Task<List<VulnerabilityFinding>> ReadFindingsAsync(string partition, TableRow scan, CancellationToken cancellationToken)
    {
        var scanner = EnumText<ScanFormat>.Of(JsonColumns.Read<ScanSummary>(scan).Scanner);
        return await JsonParts.ReadAsync<VulnerabilityFinding>(Evidence, partition, PartsPrefix(TableKeys.Join("fs", scanner) + TableKeys.Separator, scan.Text("Generation")), cancellationToken);
    }

    private static string EvidencePartition(string organisation, string versionId) => TableKeys.Join(organisation, versionId);

    private static string PartsPrefix(string itemsPrefix, string generation) => itemsPrefix + generation + TableKeys.Separator;

    /// <summary>Writes the items under a new generation, points the summary row at it, and deletes the generation it replaced.</summary>
    private async Task ImportAsync<TSummary, TItem>(string partition, string summaryKey, string itemsPrefix, TSummary summary, IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        var generation = TableKeys.Number(time.GetUtcNow().UtcTicks) + Guid.NewGuid().ToString("N")[..8];
        await JsonParts.UpsertAllAsync(Evidence, JsonParts.Rows(partition, PartsPrefix(itemsPrefix, generation), items), cancellationToken);
        var next = new TableRow(partition, summaryKey) { ["Generation"] = generation };
        JsonColumns.Write(next, summary);
        for (var attempt = 1; ; attempt++)
        {
            var current = await Evidence.GetAsync(partition, summaryKey, cancellationToken);
            try
            {
                await Evidence.SubmitAsync([current is null ? TableAction.Add(next) : TableAction.Replace(next, current.ETag)], cancellationToken);
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // Another import of the same kind won meanwhile: this one replaces it.
                continue;
            }

            if (current?.GetString("Generation") is { } replaced)
            {
                var stale = await Evidence.QueryPrefixAsync(partition, PartsPrefix(itemsPrefix, replaced), cancellationToken).ToListAsync(cancellationToken);
                await JsonParts.DeleteAllAsync(Evidence, stale, cancellationToken);
            }

            return;
        }
    }
}
