using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Images;

namespace Qlrf.Store.Sqlite;

/// <summary>The golden image registry on the embedded store: families and versions here; lifecycle, lineage and evidence in the partial files beside it.</summary>
public sealed partial class SqliteImageStore(SqliteDatabase database, TimeProvider time) : IImageStore
{
    public Task<ImageFamily> CreateFamilyAsync(ImageFamily family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        return database.WriteAsync((connection, transaction) =>
        {
            var existing = ReadFamily(connection, transaction, family.Organisation, family.Name);
            if (existing is not null)
            {
                return existing.SameDefinition(family)
                    ? existing
                    : throw new ConflictException($"Family '{family.Name}' exists with a different definition (os '{existing.Os}', owner '{existing.Owner}').");
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO image_families (org, name, os, owner, description, created_at, created_by)
                VALUES ($org, $name, $os, $owner, $description, $at, $by)
                """;
            command.Add("$org", family.Organisation);
            command.Add("$name", family.Name);
            command.Add("$os", family.Os);
            command.Add("$owner", family.Owner);
            command.Add("$description", family.Description);
            command.Add("$at", SqliteValues.ToUnixMs(family.CreatedAt));
            command.Add("$by", family.CreatedBy);
            command.ExecuteNonQuery();

            // Assets of the family were "unregistered"; they become "no production version".
            MarkForDrift(connection, transaction, family.Organisation, family.Name, family.CreatedAt);
            return family;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ImageFamily>> ListFamiliesAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT org, name, os, owner, description, created_at, created_by FROM image_families WHERE org = $org ORDER BY name";
        command.Add("$org", organisation);
        return Task.FromResult<IReadOnlyList<ImageFamily>>(ReadFamilies(command));
    }

    public Task<ImageFamily?> GetFamilyAsync(string organisation, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult(ReadFamily(connection, null, organisation, name));
    }

    public Task<ImageVersion> RegisterVersionAsync(ImageVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var number = version.Number;
        return database.WriteAsync((connection, transaction) =>
        {
            if (!ImageRows.FamilyExists(connection, transaction, version.Organisation, version.Family))
            {
                throw new NotFoundException($"There is no image family '{version.Family}'.");
            }

            var siblings = ImageRows.FamilyVersions(connection, transaction, version.Organisation, version.Family);
            if (siblings.FirstOrDefault(v => v.Id == version.Id) is { } existing)
            {
                return existing.SameDefinition(version)
                    ? existing
                    : throw new ConflictException($"Version {version.Id} is registered with different platform references.");
            }

            if (siblings.FirstOrDefault(v => v.Number == number) is { } twin)
            {
                throw new ConflictException($"Version '{version.Version}' orders the same as the registered {twin.Id}; versions of a family must be distinct.");
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO image_versions (org, id, family, version, description, created_at, created_by)
                VALUES ($org, $id, $family, $version, $description, $at, $by)
                """;
            command.Add("$org", version.Organisation);
            command.Add("$id", version.Id);
            command.Add("$family", version.Family);
            command.Add("$version", version.Version);
            command.Add("$description", version.Description);
            command.Add("$at", SqliteValues.ToUnixMs(version.CreatedAt));
            command.Add("$by", version.CreatedBy);
            command.ExecuteNonQuery();
            var draft = version with { Releases = version.Releases.Select(r => r with { Status = LifecycleStatus.Draft, PromotedAt = null, ReleasedAt = null }).ToList() };
            foreach (var release in draft.Releases)
            {
                ImageRows.InsertRelease(connection, transaction, version.Organisation, draft, release);
            }

            ImageRows.BumpRevision(connection, transaction, version.Organisation, version.Family);

            return draft;
        }, cancellationToken);
    }

    public Task<ImageVersion?> GetVersionAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult(ImageRows.Version(connection, null, organisation, id));
    }

    public Task<IReadOnlyList<ImageVersion>> ListVersionsAsync(string organisation, string family, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        var versions = ImageRows.FamilyVersions(connection, null, organisation, family).OrderByDescending(v => v.Number).ToList();
        return Task.FromResult<IReadOnlyList<ImageVersion>>(versions);
    }

    /// <summary>Marks a family's drift for re-evaluation, in the caller's transaction (the outbox of a transition).</summary>
    internal static void MarkForDrift(SqliteConnection connection, SqliteTransaction transaction, string organisation, string family, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO drift_pending (org, family, requested_at) VALUES ($org, $family, $at)";
        command.Add("$org", organisation);
        command.Add("$family", family);
        command.Add("$at", SqliteValues.ToUnixMs(at));
        command.ExecuteNonQuery();
    }

    internal static void RequireVersion(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM image_versions WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", id);
        if (command.ExecuteScalar() is null)
        {
            throw new NotFoundException($"There is no image version '{id}'.");
        }
    }

    private static ImageFamily? ReadFamily(SqliteConnection connection, SqliteTransaction? transaction, string organisation, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT org, name, os, owner, description, created_at, created_by FROM image_families WHERE org = $org AND name = $name";
        command.Add("$org", organisation);
        command.Add("$name", name);
        return ReadFamilies(command).FirstOrDefault();
    }

    private static List<ImageFamily> ReadFamilies(SqliteCommand command)
    {
        var families = new List<ImageFamily>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            families.Add(new ImageFamily
            {
                Organisation = reader.GetString(0),
                Name = reader.GetString(1),
                Os = reader.GetString(2),
                Owner = reader.GetString(3),
                Description = reader.GetStringOrNull(4),
                CreatedAt = reader.GetTime(5),
                CreatedBy = reader.GetString(6),
            });
        }

        return families;
    }
}
