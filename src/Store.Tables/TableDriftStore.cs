using System.Globalization;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// Drift on Table Storage (<see cref="TableNames.Drift"/>, snapshots in <see cref="TableNames.DriftSnapshots"/>): reads
/// here; upkeep and snapshots in the partial files beside it. Summaries are counter rows kept by upkeep in the same
/// batches as the drift rows they count, so reading them is one range of the organisation's partition.
/// </summary>
public sealed partial class TableDriftStore(ITables tables, IInventoryStore inventory, TimeProvider time) : IDriftStore
{
    private ITable Table => tables[TableNames.Drift];

    public async Task<IReadOnlyDictionary<DriftGroup, DriftCounters>> GetSummariesAsync(string organisation, CancellationToken cancellationToken) =>
        (await ReadSummariesAsync(organisation, cancellationToken)).ToDictionary(s => s.Key, s => s.Value.Counters);

    public async Task<AssetDrift?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, DriftTableRows.AssetKey(assetId), cancellationToken) is { } row ? DriftTableRows.Read(row) : null;

    public async Task<Page<AssetDrift>> ListOutdatedAsync(string organisation, DriftFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string? from = null;
        if (after is not null)
        {
            var bar = after.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(after.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var since))
            {
                throw new FormatException("Not a cursor of outdated assets.");
            }

            from = DriftTableRows.OutdatedKey(since, after[(bar + 1)..]);
        }

        var rows = new List<AssetDrift>();
        await foreach (var row in Table.QueryAsync(organisation, from ?? "o" + TableKeys.Separator, TableKeys.PrefixEnd("o" + TableKeys.Separator), cancellationToken))
        {
            var drift = DriftTableRows.Read(row);
            if (row.RowKey == from || !Matches(filter, drift))
            {
                continue;
            }

            rows.Add(drift);
            if (rows.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(rows, limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.OutdatedSince}|{r.AssetId}"));
    }

    public async Task<Page<AssetDrift>> ListRunningAsync(string organisation, string family, string version, int limit, string? after, CancellationToken cancellationToken)
    {
        var prefix = DriftTableRows.FamilyPrefix(family);
        var from = after is null ? prefix : prefix + TableKeys.Escape(after);
        var rows = new List<AssetDrift>();
        await foreach (var row in Table.QueryAsync(organisation, from, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            var drift = DriftTableRows.Read(row);
            if (row.RowKey == from || drift.Version != version)
            {
                continue;
            }

            rows.Add(drift);
            if (rows.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(rows, limit, r => r.AssetId);
    }

    public async Task<RagThresholds?> GetThresholdsAsync(string organisation, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, "thresholds", cancellationToken) is { } row
            ? new RagThresholds((double)row["RedBelow"]!, (double)row["AmberBelow"]!)
            : null;

    public async Task SetThresholdsAsync(string organisation, RagThresholds thresholds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        await Table.UpsertAsync(
            new TableRow(organisation, "thresholds")
            {
                ["RedBelow"] = thresholds.RedBelow,
                ["AmberBelow"] = thresholds.AmberBelow,
                ["UpdatedAt"] = time.GetUtcNow(),
                ["UpdatedBy"] = actor,
            },
            cancellationToken);
    }

    /// <summary>Organisations that have drift: those registered (on their first drift) whose organisation group still counts assets.</summary>
    public async Task<IReadOnlyList<string>> ListOrganisationsAsync(CancellationToken cancellationToken)
    {
        var organisations = new List<string>();
        await foreach (var row in Table.QueryAsync(DriftTableRows.OrganisationsPartition, null, null, cancellationToken))
        {
            var organisation = row.Text("Organisation");
            if (await Table.GetAsync(organisation, DriftTableRows.SummaryKey(DriftGroup.Organisation), cancellationToken) is not null)
            {
                organisations.Add(organisation);
            }
        }

        organisations.Sort(StringComparer.Ordinal);
        return organisations;
    }

    private static bool Matches(DriftFilter filter, AssetDrift drift) =>
        (filter.Environment is null || filter.Environment == drift.Environment)
        && (filter.Site is null || filter.Site == drift.Site)
        && (filter.Platform is null || filter.Platform == drift.Platform)
        && (filter.Family is null || filter.Family == (drift.Family ?? string.Empty));

    /// <summary>The organisation's summary rows by group, with the rows (for their ETags).</summary>
    private async Task<Dictionary<DriftGroup, (TableRow Row, DriftCounters Counters)>> ReadSummariesAsync(string organisation, CancellationToken cancellationToken)
    {
        var summaries = new Dictionary<DriftGroup, (TableRow, DriftCounters)>();
        await foreach (var row in Table.QueryPrefixAsync(organisation, DriftTableRows.SummaryPrefix, cancellationToken))
        {
            var (group, counters) = DriftTableRows.ReadSummary(row);
            summaries[group] = (row, counters);
        }

        return summaries;
    }
}
