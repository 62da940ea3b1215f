using Qlrf.Drift;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>
/// Snapshots (<see cref="TableNames.DriftSnapshots"/>). A snapshot's group rows go under a new generation first; then one
/// batch writes its header and time-index row (replacing, for a daily snapshot taken again the same day, the previous
/// one's); then the replaced generation is deleted. Readers go through the time index to the generation it names, so
/// they see a snapshot whole or not at all.
/// </summary>
public sealed partial class TableDriftStore
{
    private ITable Snapshots => tables[TableNames.DriftSnapshots];

    public async Task SaveSnapshotAsync(DriftSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var organisation = snapshot.Organisation;
        await Snapshots.UpsertAsync(new TableRow(DriftTableRows.OrganisationsPartition, TableKeys.Escape(organisation)) { ["Organisation"] = organisation }, cancellationToken);
        var generation = TableKeys.Number(time.GetUtcNow().UtcTicks) + Guid.NewGuid().ToString("N")[..8];
        var rows = snapshot.Rows.Select(r =>
        {
            var row = new TableRow(organisation, GroupKey(snapshot.Id, generation, r.Group)) { ["Key"] = r.Group.Key, ["Key2"] = r.Group.Key2 };
            JsonColumns.Write(row, r.Summary);
            return row;
        });
        await JsonParts.UpsertAllAsync(Snapshots, rows, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var header = await Snapshots.GetAsync(organisation, HeaderKey(snapshot.Id), cancellationToken);
            var timeKey = TimeKey(snapshot.TakenAt.UtcTicks, snapshot.Id);
            var actions = new List<TableAction>
            {
                header is null ? TableAction.Add(Header(organisation, HeaderKey(snapshot.Id), snapshot, generation)) : TableAction.Replace(Header(organisation, HeaderKey(snapshot.Id), snapshot, generation), header.ETag),
                TableAction.Upsert(Header(organisation, timeKey, snapshot, generation)),
            };
            if (header is not null && TimeKey(header.Number("TakenAt"), snapshot.Id) != timeKey)
            {
                actions.Add(TableAction.Delete(new TableRow(organisation, TimeKey(header.Number("TakenAt"), snapshot.Id))));
            }

            try
            {
                await Snapshots.SubmitAsync(actions, cancellationToken);
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // The same snapshot was saved meanwhile: this one replaces it.
                continue;
            }

            if (header?.GetString("Generation") is { } replaced)
            {
                await JsonParts.DeleteAllAsync(Snapshots, await Snapshots.QueryPrefixAsync(organisation, GenerationPrefix(snapshot.Id, replaced), cancellationToken).ToListAsync(cancellationToken), cancellationToken);
            }

            return;
        }
    }

    public async Task<IReadOnlyList<DriftSnapshot>> ListSnapshotsAsync(string organisation, DateTimeOffset from, DateTimeOffset to, DriftDimension dimension, CancellationToken cancellationToken)
    {
        var snapshots = new List<DriftSnapshot>();
        var end = to.UtcTicks == DateTimeOffset.MaxValue.UtcTicks ? TableKeys.PrefixEnd("t" + TableKeys.Separator) : TableKeys.Join("t", TableKeys.Number(to.UtcTicks + 1));
        await foreach (var header in Snapshots.QueryAsync(organisation, TableKeys.Join("t", TableKeys.Number(Math.Max(0, from.UtcTicks))), end, cancellationToken))
        {
            var id = header.Text("Id");
            var rows = new List<SnapshotRow>();
            await foreach (var row in Snapshots.QueryPrefixAsync(organisation, GenerationPrefix(id, header.Text("Generation")) + TableKeys.Escape(EnumText<DriftDimension>.Of(dimension)) + TableKeys.Separator, cancellationToken))
            {
                rows.Add(new SnapshotRow(new DriftGroup(dimension, row.Text("Key"), row.Text("Key2")), JsonColumns.Read<DriftSummary>(row)));
            }

            snapshots.Add(new DriftSnapshot(organisation, id, new DateTimeOffset(header.Number("TakenAt"), TimeSpan.Zero), EnumText<SnapshotTrigger>.Parse(header.Text("Trigger")), rows));
        }

        return snapshots;
    }

    public async Task<int> PruneSnapshotsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var pruned = 0;
        await foreach (var org in Snapshots.QueryAsync(DriftTableRows.OrganisationsPartition, null, null, cancellationToken))
        {
            var organisation = org.Text("Organisation");
            var old = await Snapshots.QueryAsync(organisation, "t" + TableKeys.Separator, TableKeys.Join("t", TableKeys.Number(Math.Max(0, before.UtcTicks))), cancellationToken).ToListAsync(cancellationToken);
            foreach (var header in old)
            {
                // Header first: once it is gone the snapshot is invisible, and its rows can go at leisure.
                var id = header.Text("Id");
                try
                {
                    await Snapshots.SubmitAsync([TableAction.Delete(new TableRow(organisation, HeaderKey(id))), TableAction.Delete(new TableRow(organisation, header.RowKey))], cancellationToken);
                    pruned++;
                }
                catch (TablePreconditionException)
                {
                    // Pruned by another run meanwhile.
                }

                await JsonParts.DeleteAllAsync(Snapshots, await Snapshots.QueryPrefixAsync(organisation, TableKeys.Join("r", id) + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken), cancellationToken);
            }
        }

        return pruned;
    }

    private static string HeaderKey(string id) => TableKeys.Join("s", id);

    private static string TimeKey(long ticks, string id) => TableKeys.Join("t", TableKeys.Number(ticks), id);

    private static string GenerationPrefix(string id, string generation) => TableKeys.Join("r", id, generation) + TableKeys.Separator;

    private static string GroupKey(string id, string generation, DriftGroup group) =>
        TableKeys.Join("r", id, generation, EnumText<DriftDimension>.Of(group.Dimension), group.Key, group.Key2);

    private static TableRow Header(string organisation, string rowKey, DriftSnapshot snapshot, string generation) => new(organisation, rowKey)
    {
        ["Id"] = snapshot.Id,
        ["TakenAt"] = snapshot.TakenAt.UtcTicks,
        ["Trigger"] = EnumText<SnapshotTrigger>.Of(snapshot.Trigger),
        ["Generation"] = generation,
    };
}
