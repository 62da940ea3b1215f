using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>Vulnerability scans, SBOMs and builds of image versions. An import replaces what it replaces in one transaction, so nothing is half-imported.</summary>
public sealed partial class SqliteImageStore
{
    public Task<ScanSummary> SaveScanAsync(string organisation, string versionId, ScanReport report, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var importedAt = time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, organisation, versionId);
            var scanner = EnumText<ScanFormat>.Of(report.Format);
            Execute(connection, transaction, "DELETE FROM image_findings WHERE org = $org AND version_id = $id AND scanner = $scanner",
                ("$org", organisation), ("$id", versionId), ("$scanner", scanner));
            InsertMany(connection, transaction, """
                INSERT INTO image_findings (org, version_id, scanner, seq, vulnerability_id, package, installed_version, fixed_version, severity, title)
                VALUES ($org, $id, $scanner, $seq, $vuln, $package, $installed, $fixed, $severity, $title)
                """,
                ["$org", "$id", "$scanner", "$seq", "$vuln", "$package", "$installed", "$fixed", "$severity", "$title"],
                report.Findings.Select((f, i) => new object?[] { organisation, versionId, scanner, i + 1, f.Id, f.Package, f.InstalledVersion, f.FixedVersion, EnumText<Severity>.Of(f.Severity), f.Title }));
            var summary = new ScanSummary(versionId, report.Format, report.ScannerVersion, report.Artifact, report.ScannedAt, importedAt, actor, report.Counts);
            Execute(connection, transaction, """
                INSERT OR REPLACE INTO image_scans (org, version_id, scanner, scanner_version, artifact, scanned_at, imported_at, imported_by, counts)
                VALUES ($org, $id, $scanner, $sv, $artifact, $scanned, $imported, $by, $counts)
                """,
                ("$org", organisation), ("$id", versionId), ("$scanner", scanner), ("$sv", report.ScannerVersion), ("$artifact", report.Artifact),
                ("$scanned", SqliteValues.DbTime(report.ScannedAt)), ("$imported", SqliteValues.ToUnixMs(importedAt)), ("$by", actor),
                ("$counts", JsonSerializer.Serialize(summary.Counts, QlrfJson.Options)));
            return summary;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ScanSummary>> ListScansAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT scanner, scanner_version, artifact, scanned_at, imported_at, imported_by, counts
            FROM image_scans WHERE org = $org AND version_id = $id ORDER BY scanner
            """;
        command.Add("$org", organisation);
        command.Add("$id", versionId);
        var scans = new List<ScanSummary>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var scanner = reader.GetString(0);
                var counts = JsonSerializer.Deserialize<SeverityCounts>(reader.GetString(6), QlrfJson.Options);
                scans.Add(new ScanSummary(
                    versionId,
                    EnumText<ScanFormat>.Parse(scanner),
                    reader.GetStringOrNull(1),
                    reader.GetStringOrNull(2),
                    reader.GetTimeOrNull(3),
                    reader.GetTime(4),
                    reader.GetString(5),
                    // Scans imported before both counts were kept hold findings by severity only: count them again.
                    counts is { Vulnerabilities: not null, Findings: not null } ? counts : SeverityCounts.Of(ReadFindings(connection, organisation, versionId, scanner))));
            }
        }

        return Task.FromResult<IReadOnlyList<ScanSummary>>(scans);
    }

    public Task<IReadOnlyList<VulnerabilityFinding>> ListFindingsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<VulnerabilityFinding>>(VulnerabilityFinding.Distinct(ReadFindings(connection, organisation, versionId, null)));
    }

    /// <summary>The version's findings as stored: every scanner's, or one scanner's.</summary>
    private static List<VulnerabilityFinding> ReadFindings(SqliteConnection connection, string organisation, string versionId, string? scanner)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT vulnerability_id, package, installed_version, fixed_version, severity, title
            FROM image_findings WHERE org = $org AND version_id = $id AND ($scanner IS NULL OR scanner = $scanner)
            """;
        command.Add("$org", organisation);
        command.Add("$id", versionId);
        command.Add("$scanner", scanner);
        var findings = new List<VulnerabilityFinding>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            findings.Add(new VulnerabilityFinding(
                reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3),
                EnumText<Severity>.Parse(reader.GetString(4)), reader.GetStringOrNull(5)));
        }

        return findings;
    }

    public Task<SbomSummary> SaveSbomAsync(string organisation, string versionId, SbomDocument sbom, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sbom);
        var importedAt = time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, organisation, versionId);
            Execute(connection, transaction, "DELETE FROM image_components WHERE org = $org AND version_id = $id", ("$org", organisation), ("$id", versionId));
            InsertMany(connection, transaction, """
                INSERT INTO image_components (org, version_id, seq, name, version, type, purl, licenses, supplier)
                VALUES ($org, $id, $seq, $name, $version, $type, $purl, $licenses, $supplier)
                """,
                ["$org", "$id", "$seq", "$name", "$version", "$type", "$purl", "$licenses", "$supplier"],
                sbom.Components.Select((c, i) => new object?[] { organisation, versionId, i + 1, c.Name, c.Version, c.Type, c.Purl, c.Licenses, c.Supplier }));
            var summary = new SbomSummary(versionId, sbom.Format, sbom.SpecVersion, sbom.Subject, sbom.Tool, sbom.CreatedAt, sbom.Components.Count, importedAt, actor);
            Execute(connection, transaction, """
                INSERT OR REPLACE INTO image_sboms (org, version_id, format, spec_version, subject, tool, created_at, component_count, imported_at, imported_by)
                VALUES ($org, $id, $format, $spec, $subject, $tool, $created, $count, $imported, $by)
                """,
                ("$org", organisation), ("$id", versionId), ("$format", EnumText<SbomFormat>.Of(sbom.Format)), ("$spec", sbom.SpecVersion),
                ("$subject", sbom.Subject), ("$tool", sbom.Tool), ("$created", SqliteValues.DbTime(sbom.CreatedAt)), ("$count", sbom.Components.Count),
                ("$imported", SqliteValues.ToUnixMs(importedAt)), ("$by", actor));
            return summary;
        }, cancellationToken);
    }

    public Task<SbomSummary?> GetSbomAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT format, spec_version, subject, tool, created_at, component_count, imported_at, imported_by
            FROM image_sboms WHERE org = $org AND version_id = $id
            """;
        command.Add("$org", organisation);
        command.Add("$id", versionId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new SbomSummary(versionId, EnumText<SbomFormat>.Parse(reader.GetString(0)), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3),
                reader.GetTimeOrNull(4), reader.GetInt32(5), reader.GetTime(6), reader.GetString(7))
            : null);
    }

    public Task<IReadOnlyList<SbomComponent>> ListComponentsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, version, type, purl, licenses, supplier FROM image_components WHERE org = $org AND version_id = $id ORDER BY name, version";
        command.Add("$org", organisation);
        command.Add("$id", versionId);
        var components = new List<SbomComponent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            components.Add(new SbomComponent(reader.GetString(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4), reader.GetStringOrNull(5)));
        }

        return Task.FromResult<IReadOnlyList<SbomComponent>>(components);
    }

    public Task<BuildRecord> AddBuildAsync(string organisation, BuildRecord build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        return database.WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, organisation, build.VersionId);
            Execute(connection, transaction, """
                INSERT INTO image_builds (org, version_id, id, builder, source_repository, commit_sha, started_at, finished_at, provenance, recorded_at, recorded_by)
                VALUES ($org, $version, $id, $builder, $repo, $commit, $started, $finished, $provenance, $recorded, $by)
                ON CONFLICT (org, version_id, id) DO NOTHING
                """,
                ("$org", organisation), ("$version", build.VersionId), ("$id", build.Id), ("$builder", build.Builder), ("$repo", build.SourceRepository),
                ("$commit", build.Commit), ("$started", SqliteValues.ToUnixMs(build.StartedAt)), ("$finished", SqliteValues.ToUnixMs(build.FinishedAt)),
                ("$provenance", build.Provenance?.GetRawText()), ("$recorded", SqliteValues.ToUnixMs(build.RecordedAt)), ("$by", build.RecordedBy));
            return build;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<BuildRecord>> ListBuildsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, builder, source_repository, commit_sha, started_at, finished_at, provenance, recorded_at, recorded_by
            FROM image_builds WHERE org = $org AND version_id = $version ORDER BY started_at DESC, id
            """;
        command.Add("$org", organisation);
        command.Add("$version", versionId);
        var builds = new List<BuildRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            JsonElement? provenance = null;
            if (reader.GetStringOrNull(6) is { } raw)
            {
                using var document = JsonDocument.Parse(raw);
                provenance = document.RootElement.Clone();
            }

            builds.Add(new BuildRecord
            {
                Id = reader.GetString(0),
                VersionId = versionId,
                Builder = reader.GetString(1),
                SourceRepository = reader.GetString(2),
                Commit = reader.GetString(3),
                StartedAt = reader.GetTime(4),
                FinishedAt = reader.GetTime(5),
                Provenance = provenance,
                RecordedAt = reader.GetTime(7),
                RecordedBy = reader.GetString(8),
            });
        }

        return Task.FromResult<IReadOnlyList<BuildRecord>>(builds);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static void InsertMany(SqliteConnection connection, SqliteTransaction transaction, string sql, string[] names, IEnumerable<object?[]> rows)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = sql;
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter(n, DBNull.Value))).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }
    }
}
