using Microsoft.Data.Sqlite;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>Reading image versions with their releases, shared by the registry and drift upkeep.</summary>
internal static class ImageRows
{
    private const string VersionColumns = "org, id, family, version, description, created_at, created_by";

    /// <summary>Marks a change to the family's versions (drift upkeep reloads its baseline).</summary>
    public static void BumpRevision(SqliteConnection connection, SqliteTransaction transaction, string organisation, string family)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE image_families SET revision = revision + 1 WHERE org = $org AND name = $name";
        command.Add("$org", organisation);
        command.Add("$name", family);
        command.ExecuteNonQuery();
    }

    public static bool FamilyExists(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string family)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM image_families WHERE org = $org AND name = $name";
        command.Add("$org", organisation);
        command.Add("$name", family);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>The family's versions with their releases, in no particular order.</summary>
    public static List<ImageVersion> FamilyVersions(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string family)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {VersionColumns} FROM image_versions WHERE org = $org AND family = $family";
        command.Add("$org", organisation);
        command.Add("$family", family);
        var versions = ReadVersions(command);
        var releases = FamilyReleases(connection, transaction, organisation, family);
        return versions.ConvertAll(v => v with { Releases = releases.GetValueOrDefault(v.Id) ?? [] });
    }

    public static ImageVersion? Version(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {VersionColumns} FROM image_versions WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", id);
        var version = ReadVersions(command).FirstOrDefault();
        if (version is null)
        {
            return null;
        }

        using var releases = connection.CreateCommand();
        releases.Transaction = transaction;
        releases.CommandText = "SELECT version_id, platform, reference, status, promoted_at, released_at FROM image_releases WHERE org = $org AND family = $family AND version_id = $id";
        releases.Add("$org", organisation);
        releases.Add("$family", version.Family);
        releases.Add("$id", id);
        return version with { Releases = ReadReleases(releases).GetValueOrDefault(id) ?? [] };
    }

    public static void InsertRelease(SqliteConnection connection, SqliteTransaction transaction, string organisation, ImageVersion version, PlatformRelease release)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO image_releases (org, family, version_id, platform, version, reference, status, promoted_at, released_at)
            VALUES ($org, $family, $id, $platform, $version, $reference, $status, $promoted, $released)
            ON CONFLICT (org, family, version_id, platform) DO UPDATE SET reference = excluded.reference, status = excluded.status,
              promoted_at = excluded.promoted_at, released_at = excluded.released_at
            """;
        command.Add("$org", organisation);
        command.Add("$family", version.Family);
        command.Add("$id", version.Id);
        command.Add("$platform", EnumText<Platform>.Of(release.Platform));
        command.Add("$version", version.Version);
        command.Add("$reference", release.Reference);
        command.Add("$status", EnumText<LifecycleStatus>.Of(release.Status));
        command.Add("$promoted", SqliteValues.DbTime(release.PromotedAt));
        command.Add("$released", SqliteValues.DbTime(release.ReleasedAt));
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, List<PlatformRelease>> FamilyReleases(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string family)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version_id, platform, reference, status, promoted_at, released_at FROM image_releases WHERE org = $org AND family = $family";
        command.Add("$org", organisation);
        command.Add("$family", family);
        return ReadReleases(command);
    }

    private static Dictionary<string, List<PlatformRelease>> ReadReleases(SqliteCommand command)
    {
        var releases = new Dictionary<string, List<PlatformRelease>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (!releases.TryGetValue(id, out var list))
            {
                releases[id] = list = [];
            }

            list.Add(new PlatformRelease
            {
                Platform = EnumText<Platform>.Parse(reader.GetString(1)),
                Reference = reader.GetString(2),
                Status = EnumText<LifecycleStatus>.Parse(reader.GetString(3)),
                PromotedAt = reader.GetTimeOrNull(4),
                ReleasedAt = reader.GetTimeOrNull(5),
            });
        }

        foreach (var list in releases.Values)
        {
            list.Sort((a, b) => a.Platform.CompareTo(b.Platform));
        }

        return releases;
    }

    private static List<ImageVersion> ReadVersions(SqliteCommand command)
    {
        var versions = new List<ImageVersion>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(new ImageVersion
            {
                Organisation = reader.GetString(0),
                Id = reader.GetString(1),
                Family = reader.GetString(2),
                Version = reader.GetString(3),
                Description = reader.GetStringOrNull(4),
                CreatedAt = reader.GetTime(5),
                CreatedBy = reader.GetString(6),
                Releases = [],
            });
        }

        return versions;
    }
}
