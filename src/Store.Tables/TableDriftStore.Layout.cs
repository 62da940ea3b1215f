using System.Collections.Concurrent;
using Qlrf.Inventory;

namespace Qlrf.Store.Tables;

/// <summary>
/// The drift layout of an organisation. Drift written before the sharded layout lived in the organisation's own
/// partition (rows <c>a|asset</c>, <c>f|family|asset</c>, <c>o|since|asset</c>, <c>s|dimension|key|key2</c>), which this
/// version does not read. On an organisation's first use by a store instance, a marker row says whether its drift is in
/// the sharded layout; when it is missing and old rows exist, the drift is rebuilt: every asset of the inventory is
/// reconciled once (idempotent: a rebuild cut short is simply run again, and instances racing on it write the same rows
/// through the same ETag-conditional batches), then the old rows are deleted and the marker written.
/// </summary>
public sealed partial class TableDriftStore
{
    /// <summary>The layout this version writes and reads.</summary>
    internal const int Layout = 2;

    /// <summary>The partition of the layout markers: one row per organisation, keyed by its name.</summary>
    internal const string LayoutsPartition = "|layouts";
    private const int RebuildPage = 500;
    private static readonly string[] OldPrefixes = ["a", "f", "o", "s"];

    private readonly ConcurrentDictionary<string, Lazy<Task>> layouts = new(StringComparer.Ordinal);

    /// <summary>Organisations whose drift was rebuilt from the old layout by this store instance.</summary>
    internal int Rebuilt { get; private set; }

    /// <summary>Makes sure the organisation's drift is in the sharded layout (once per store instance; again after a failure).</summary>
    private async Task EnsureLayoutAsync(string organisation, CancellationToken cancellationToken)
    {
        var check = layouts.GetOrAdd(organisation, o => new Lazy<Task>(() => CheckLayoutAsync(o, CancellationToken.None)));
        try
        {
            await check.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            layouts.TryRemove(new KeyValuePair<string, Lazy<Task>>(organisation, check));
            throw;
        }
    }

    private async Task CheckLayoutAsync(string organisation, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(LayoutsPartition, TableKeys.Escape(organisation), cancellationToken) is { } marker && marker.Number("Layout") >= Layout)
        {
            return;
        }

        if (await HasOldRowsAsync(organisation, cancellationToken))
        {
            string? after = null;
            do
            {
                var page = await inventory.QueryAssetsAsync(organisation, new AssetFilter(), RebuildPage, after, cancellationToken);
                if (page.Items.Count > 0)
                {
                    await ReconcileInLayoutAsync(organisation, page.Items.Select(a => a.Asset.Id).ToList(), cancellationToken);
                }

                after = page.NextCursor;
            }
            while (after is not null);

            await DeleteOldRowsAsync(organisation, cancellationToken);
            Rebuilt++;
        }

        await Table.UpsertAsync(new TableRow(LayoutsPartition, TableKeys.Escape(organisation)) { ["Layout"] = (long)Layout }, cancellationToken);
    }

    private async Task<bool> HasOldRowsAsync(string organisation, CancellationToken cancellationToken)
    {
        foreach (var prefix in OldPrefixes)
        {
            await foreach (var _ in Table.QueryPrefixAsync(organisation, prefix + TableKeys.Separator, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private async Task DeleteOldRowsAsync(string organisation, CancellationToken cancellationToken)
    {
        foreach (var prefix in OldPrefixes)
        {
            List<TableRow> rows;
            while ((rows = await Table.QueryPrefixAsync(organisation, prefix + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken)).Count > 0)
            {
                try
                {
                    foreach (var chunk in rows.Chunk(TableLimits.MaxBatchActions))
                    {
                        await Table.SubmitAsync(chunk.Select(r => TableAction.Delete(new TableRow(organisation, r.RowKey))).ToList(), cancellationToken);
                    }
                }
                catch (TablePreconditionException)
                {
                    // Another instance deleted some of them: read what is left and go on.
                }
            }
        }
    }
}
