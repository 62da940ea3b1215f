namespace Qlrf.Store.Sqlite;

/// <summary>
/// Tables of the golden image registry. Every key starts with the organisation; a version's id is
/// <c>family@version</c>. <c>image_releases</c> holds each version's status per platform (the family is
/// repeated there so a family's releases are one range read, as a partition would be).
/// A family's <c>revision</c> goes up with every change to its versions, so drift upkeep can keep the
/// family's baseline in memory and check it with one key read (as an ETag would).
/// </summary>
internal static class ImageSchema
{
    public static readonly SchemaMigration V1 = new("images", 1, """
        CREATE TABLE image_families (
            org TEXT NOT NULL,
            name TEXT NOT NULL,
            os TEXT NOT NULL,
            owner TEXT NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (org, name)
        ) WITHOUT ROWID;

        CREATE TABLE image_versions (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            family TEXT NOT NULL,
            version TEXT NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_image_versions_family ON image_versions (org, family, id);

        CREATE TABLE image_releases (
            org TEXT NOT NULL,
            family TEXT NOT NULL,
            version_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            version TEXT NOT NULL,
            reference TEXT NOT NULL,
            status TEXT NOT NULL,
            promoted_at INTEGER,
            released_at INTEGER,
            PRIMARY KEY (org, family, version_id, platform)
        ) WITHOUT ROWID;

        CREATE TABLE image_transitions (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            platform TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            actor TEXT NOT NULL,
            at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            rollback INTEGER NOT NULL,
            cause TEXT NOT NULL,
            PRIMARY KEY (org, version_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE image_lineage (
            org TEXT NOT NULL,
            child TEXT NOT NULL,
            parent TEXT NOT NULL,
            relation TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (org, child, parent)
        ) WITHOUT ROWID;

        CREATE TABLE image_scans (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            scanner TEXT NOT NULL,
            scanner_version TEXT,
            artifact TEXT,
            scanned_at INTEGER,
            imported_at INTEGER NOT NULL,
            imported_by TEXT NOT NULL,
            counts TEXT NOT NULL,
            PRIMARY KEY (org, version_id, scanner)
        ) WITHOUT ROWID;

        CREATE TABLE image_findings (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            scanner TEXT NOT NULL,
            seq INTEGER NOT NULL,
            vulnerability_id TEXT NOT NULL,
            package TEXT NOT NULL,
            installed_version TEXT,
            fixed_version TEXT,
            severity TEXT NOT NULL,
            title TEXT,
            PRIMARY KEY (org, version_id, scanner, seq)
        ) WITHOUT ROWID;

        CREATE TABLE image_sboms (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            format TEXT NOT NULL,
            spec_version TEXT NOT NULL,
            subject TEXT,
            tool TEXT,
            created_at INTEGER,
            component_count INTEGER NOT NULL,
            imported_at INTEGER NOT NULL,
            imported_by TEXT NOT NULL,
            PRIMARY KEY (org, version_id)
        ) WITHOUT ROWID;

        CREATE TABLE image_components (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            type TEXT,
            purl TEXT,
            licenses TEXT,
            supplier TEXT,
            PRIMARY KEY (org, version_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE image_builds (
            org TEXT NOT NULL,
            version_id TEXT NOT NULL,
            id TEXT NOT NULL,
            builder TEXT NOT NULL,
            source_repository TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            provenance TEXT,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (org, version_id, id)
        ) WITHOUT ROWID;
        """);
}
