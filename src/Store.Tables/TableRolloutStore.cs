using Qlrf.Errors;
using Qlrf.Paging;
using Qlrf.Rollouts;

namespace Qlrf.Store.Tables;

/// <summary>
/// Rollouts on Table Storage (<see cref="TableNames.Rollouts"/>): each rollout's own rows (the rollout, its stages, its
/// asset results) in its partition, and the organisation's index rows (idempotency keys, newest first, by family) in the
/// organisation's partition. Asset results and policy exceptions are in the other parts of this class.
/// </summary>
public sealed partial class TableRolloutStore(ITables tables) : IRolloutStore
{
    private const int Attempts = 8;
    private const string RolloutRow = "rollout";

    private ITable Table => tables[TableNames.Rollouts];

    public async Task<(Rollout Rollout, bool Created)> CreateAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var organisation = rollout.Organisation;
        if (await KeyHolderAsync(rollout, cancellationToken) is { } held)
        {
            return (held, false);
        }

        try
        {
            await Table.AddAsync(Row(rollout), cancellationToken);
        }
        catch (TableConflictException)
        {
            throw new ConflictException($"A rollout '{rollout.Id}' exists already.");
        }

        List<TableAction> index = [TableAction.Add(Index(organisation, NewestKey(rollout), rollout.Id))];
        if (rollout.Request.Target.ImageFamily is { } family)
        {
            index.Add(TableAction.Add(Index(organisation, FamilyKey(family, rollout), rollout.Id)));
        }

        if (rollout.IdempotencyKey is { } key)
        {
            index.Add(TableAction.Add(Index(organisation, TableKeys.Join("k", key), rollout.Id)));
        }

        try
        {
            await Table.SubmitAsync(index, cancellationToken);
            return (rollout, true);
        }
        catch (TableConflictException)
        {
            // Another request with this key won between our check and our batch: undo our row and answer with its rollout.
            await Table.DeleteAsync(Partition(organisation, rollout.Id), RolloutRow, cancellationToken);
            return (await KeyHolderAsync(rollout, cancellationToken) ?? throw new ConflictException($"A rollout '{rollout.Id}' exists already."), false);
        }
    }

    public async Task<Rollout?> GetAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        (await FindAsync(organisation, rolloutId, cancellationToken))?.Rollout;

    public async Task<Page<Rollout>> ListAsync(string organisation, RolloutFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var prefix = "n" + TableKeys.Separator;
        var from = prefix;
        if (after is not null)
        {
            if (await GetAsync(organisation, after, cancellationToken) is not { } previous)
            {
                return new Page<Rollout>([], null);
            }

            from = NewestKey(previous);
        }

        var rollouts = new List<Rollout>();
        await foreach (var row in Table.QueryAsync(organisation, from, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (row.RowKey == from || await GetAsync(organisation, row.Text("RolloutId"), cancellationToken) is not { } rollout || !Matches(rollout, filter))
            {
                continue;
            }

            rollouts.Add(rollout);
            if (rollouts.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(rollouts, limit, r => r.Id);
    }

    public async Task<IReadOnlyList<Rollout>> ListByFamilyAsync(string organisation, string family, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var prefix = TableKeys.Join("f", family) + TableKeys.Separator;
        var rollouts = new List<Rollout>();
        await foreach (var row in Table.QueryAsync(organisation, prefix + TableKeys.Number(Math.Max(0, since.ToUnixTimeMilliseconds())), TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (await GetAsync(organisation, row.Text("RolloutId"), cancellationToken) is { } rollout)
            {
                rollouts.Add(rollout);
            }
        }

        return rollouts;
    }

    public async Task<Rollout> UpdateAsync(string organisation, string rolloutId, Func<Rollout, Rollout> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var (rollout, etag) = await FindAsync(organisation, rolloutId, cancellationToken) ?? throw new NotFoundException($"There is no rollout '{rolloutId}'.");
            var updated = change(rollout);
            try
            {
                await Table.ReplaceAsync(Row(updated), etag, cancellationToken);
                return updated;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
                // Changed meanwhile: apply the change to the newer version.
            }
        }
    }

    public async Task<IReadOnlyList<RolloutStage>> GetStagesAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        await JsonParts.ReadAsync<RolloutStage>(Table, Partition(organisation, rolloutId), StagesPrefix, cancellationToken);

    private static bool Matches(Rollout rollout, RolloutFilter filter) =>
        (filter.Status is null || rollout.Status == filter.Status)
        && (filter.ImageFamily is null || rollout.Request.Target.ImageFamily == filter.ImageFamily)
        && (filter.RequestedBy is null || rollout.RequestedBy == filter.RequestedBy);

    private async Task<Rollout?> KeyHolderAsync(Rollout rollout, CancellationToken cancellationToken) =>
        rollout.IdempotencyKey is { } key && await Table.GetAsync(rollout.Organisation, TableKeys.Join("k", key), cancellationToken) is { } guard
            ? await GetAsync(rollout.Organisation, guard.Text("RolloutId"), cancellationToken)
            : null;

    private async Task<(Rollout Rollout, string? ETag)?> FindAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        await Table.GetAsync(Partition(organisation, rolloutId), RolloutRow, cancellationToken) is { } row ? (JsonColumns.Read<Rollout>(row), row.ETag) : null;

    private static string Partition(string organisation, string rolloutId) => TableKeys.Join(organisation, rolloutId);

    private static TableRow Row(Rollout rollout)
    {
        var row = new TableRow(Partition(rollout.Organisation, rollout.Id), RolloutRow) { ["Status"] = Json.EnumText<RolloutStatus>.Of(rollout.Status) };
        JsonColumns.Write(row, rollout);
        return row;
    }

    private static TableRow Index(string organisation, string key, string rolloutId) => new(organisation, key) { ["RolloutId"] = rolloutId };

    private static string NewestKey(Rollout rollout) =>
        "n" + TableKeys.Separator + TableKeys.Descending(rollout.CreatedAt.ToUnixTimeMilliseconds()) + TableKeys.Separator + TableKeys.Escape(rollout.Id);

    private static string FamilyKey(string family, Rollout rollout) =>
        TableKeys.Join("f", family) + TableKeys.Separator + TableKeys.Number(rollout.CreatedAt.ToUnixTimeMilliseconds()) + TableKeys.Separator + TableKeys.Escape(rollout.Id);
}
