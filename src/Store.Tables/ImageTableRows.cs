using Qlrf.Images;

namespace Qlrf.Store.Tables;

/// <summary>
/// Rows of <see cref="TableNames.Images"/>, shared by the registry and drift upkeep: families with their revision,
/// versions with their releases, and the marks of families whose drift awaits re-evaluation.
/// </summary>
internal static class ImageTableRows
{
    /// <summary>The partition listing organisations with families; <c>|</c> is escaped in every organisation key, so it is no organisation's.</summary>
    public const string OrganisationsPartition = "|orgs";

    public static string FamilyKey(string family) => TableKeys.Join("f", family);

    public static string VersionKey(string id) => TableKeys.Join("v", id);

    /// <summary>The row-key prefix of a family's versions (ids are <c>{family}@{version}</c>).</summary>
    public static string VersionPrefix(string family) => "v" + TableKeys.Separator + TableKeys.Escape(family) + "@";

    public static string PendingKey(string family) => TableKeys.Join("p", family);

    public static TableRow FamilyRow(ImageFamily family, long revision)
    {
        var row = new TableRow(family.Organisation, FamilyKey(family.Name)) { ["Revision"] = revision };
        JsonColumns.Write(row, family);
        return row;
    }

    public static TableRow VersionRow(ImageVersion version, long transitions)
    {
        var row = new TableRow(version.Organisation, VersionKey(version.Id)) { ["Transitions"] = transitions };
        JsonColumns.Write(row, StoredVersion.Of(version));
        return row;
    }

    public static ImageVersion ReadVersion(TableRow row) => JsonColumns.Read<StoredVersion>(row).ToVersion();

    /// <summary>The mark that the family's drift awaits re-evaluation (an upsert: a newer mark gets a new ETag).</summary>
    public static TableRow PendingRow(string organisation, string family, DateTimeOffset at) =>
        new(organisation, PendingKey(family)) { ["Family"] = family, ["RequestedAt"] = at };

    public static TableRow OrganisationRow(string organisation) => new(OrganisationsPartition, TableKeys.Escape(organisation)) { ["Organisation"] = organisation };

    /// <summary>The family's versions with their releases (releases in platform order), in no particular order.</summary>
    public static async Task<List<(TableRow Row, ImageVersion Version)>> FamilyVersionsAsync(ITable table, string organisation, string family, CancellationToken cancellationToken)
    {
        var versions = new List<(TableRow, ImageVersion)>();
        await foreach (var row in table.QueryPrefixAsync(organisation, VersionPrefix(family), cancellationToken))
        {
            versions.Add((row, ReadVersion(row)));
        }

        return versions;
    }

    /// <summary>An image version as stored: the record without its computed members, releases in platform order.</summary>
    private sealed record StoredVersion(
        string Organisation,
        string Id,
        string Family,
        string Version,
        string? Description,
        DateTimeOffset CreatedAt,
        string CreatedBy,
        List<PlatformRelease> Releases)
    {
        public static StoredVersion Of(ImageVersion v) =>
            new(v.Organisation, v.Id, v.Family, v.Version, v.Description, v.CreatedAt, v.CreatedBy, [.. v.Releases.OrderBy(r => r.Platform)]);

        public ImageVersion ToVersion() => new()
        {
            Organisation = Organisation,
            Id = Id,
            Family = Family,
            Version = Version,
            Description = Description,
            CreatedAt = CreatedAt,
            CreatedBy = CreatedBy,
            Releases = Releases,
        };
    }
}
