using Qlrf.Errors;
using Qlrf.Images;

namespace Qlrf.Store.Tables;

/// <summary>
/// The golden image registry on Table Storage (<see cref="TableNames.Images"/>; evidence in
/// <see cref="TableNames.ImageEvidence"/>): families and versions here; lifecycle, lineage and evidence in the partial
/// files beside it. Every change to a family's versions is one batch of the organisation's partition, conditional on
/// the family row's ETag and bumping its revision, so concurrent registrations and transitions of a family are
/// serialised (the loser reads again and re-plans) and drift upkeep sees each change whole.
/// </summary>
public sealed partial class TableImageStore(ITables tables, TimeProvider time) : IImageStore
{
    private const int MaxAttempts = 20;

    private ITable Table => tables[TableNames.Images];

    public async Task<ImageFamily> CreateFamilyAsync(ImageFamily family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        for (var attempt = 1; ; attempt++)
        {
            if (await GetFamilyAsync(family.Organisation, family.Name, cancellationToken) is { } existing)
            {
                return existing.SameDefinition(family)
                    ? existing
                    : throw new ConflictException($"Family '{family.Name}' exists with a different definition (os '{existing.Os}', owner '{existing.Owner}').");
            }

            await Table.UpsertAsync(ImageTableRows.OrganisationRow(family.Organisation), cancellationToken);
            try
            {
                // Assets of the family were "unregistered"; they become "no production version".
                await Table.SubmitAsync(
                    [TableAction.Add(ImageTableRows.FamilyRow(family, 0)), TableAction.Upsert(ImageTableRows.PendingRow(family.Organisation, family.Name, family.CreatedAt))],
                    cancellationToken);
                return family;
            }
            catch (TableConflictException) when (attempt < MaxAttempts)
            {
                // Created meanwhile: compare with it.
            }
        }
    }

    public async Task<IReadOnlyList<ImageFamily>> ListFamiliesAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "f" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<ImageFamily>).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    public async Task<ImageFamily?> GetFamilyAsync(string organisation, string name, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, ImageTableRows.FamilyKey(name), cancellationToken) is { } row ? JsonColumns.Read<ImageFamily>(row) : null;

    public async Task<ImageVersion> RegisterVersionAsync(ImageVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var number = version.Number;
        for (var attempt = 1; ; attempt++)
        {
            var familyRow = await Table.GetAsync(version.Organisation, ImageTableRows.FamilyKey(version.Family), cancellationToken)
                ?? throw new NotFoundException($"There is no image family '{version.Family}'.");
            var siblings = await ImageTableRows.FamilyVersionsAsync(Table, version.Organisation, version.Family, cancellationToken);
            if (siblings.FirstOrDefault(v => v.Version.Id == version.Id).Version is { } existing)
            {
                return existing.SameDefinition(version)
                    ? existing
                    : throw new ConflictException($"Version {version.Id} is registered with different platform references.");
            }

            if (siblings.FirstOrDefault(v => v.Version.Number == number).Version is { } twin)
            {
                throw new ConflictException($"Version '{version.Version}' orders the same as the registered {twin.Id}; versions of a family must be distinct.");
            }

            var draft = version with { Releases = version.Releases.Select(r => r with { Status = LifecycleStatus.Draft, PromotedAt = null, ReleasedAt = null }).ToList() };
            try
            {
                await Table.SubmitAsync([Bump(familyRow), TableAction.Add(ImageTableRows.VersionRow(draft, 0))], cancellationToken);
                return draft;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // The family changed meanwhile: check again.
            }
        }
    }

    public async Task<ImageVersion?> GetVersionAsync(string organisation, string id, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, ImageTableRows.VersionKey(id), cancellationToken) is { } row ? ImageTableRows.ReadVersion(row) : null;

    public async Task<IReadOnlyList<ImageVersion>> ListVersionsAsync(string organisation, string family, CancellationToken cancellationToken) =>
        (await ImageTableRows.FamilyVersionsAsync(Table, organisation, family, cancellationToken)).Select(v => v.Version).OrderByDescending(v => v.Number).ToList();

    /// <summary>The family row with its revision bumped, replacing the version read (the guard of a change to the family).</summary>
    private static TableAction Bump(TableRow familyRow)
    {
        var next = new TableRow(familyRow.PartitionKey, familyRow.RowKey);
        foreach (var (name, value) in familyRow.Properties)
        {
            next[name] = value;
        }

        next["Revision"] = familyRow.Number("Revision") + 1;
        return TableAction.Replace(next, familyRow.ETag);
    }

    private async Task RequireVersionAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(organisation, ImageTableRows.VersionKey(id), cancellationToken) is null)
        {
            throw new NotFoundException($"There is no image version '{id}'.");
        }
    }
}
