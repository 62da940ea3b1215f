using Qlrf.Certificates;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// The certificate inventory on Table Storage (<see cref="TableNames.Certificates"/>), all in the organisation's
/// partition. A sweep's writes go row by row (a source's certificates may exceed one batch); a reader may see a sweep
/// half applied, never a row half written, and the next sweep converges.
/// </summary>
public sealed partial class TableCertificateStore(ITables tables) : ICertificateStore
{
    private ITable Table => tables[TableNames.Certificates];

    public async Task<IReadOnlyList<CertificateChange>> ApplySweepAsync(string organisation, string source, CertificateSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var before = (await ListAllAsync(organisation, cancellationToken)).Where(c => c.Store == source).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var keep = new HashSet<string>(sweep.Unreachable ?? [], StringComparer.Ordinal);
        var changes = new List<CertificateChange>();
        foreach (var certificate in sweep.Certificates)
        {
            before.TryGetValue(certificate.Id, out var old);
            await Table.SubmitAsync([TableAction.Upsert(Json(organisation, Key("c", certificate.Id), certificate with { Organisation = organisation }))], cancellationToken);
            if (old is null)
            {
                changes.Add(new CertificateChange(organisation, certificate.Id, CertificateChangeKind.Added, null, certificate.Thumbprint, at, source));
            }
            else if (!old.SameContentAs(certificate))
            {
                changes.Add(new CertificateChange(organisation, certificate.Id, CertificateChangeKind.Updated, old.Thumbprint, certificate.Thumbprint, at, source));
            }

            before.Remove(certificate.Id);
        }

        foreach (var gone in before.Values.Where(c => !keep.Contains(c.Id)))
        {
            await Table.SubmitAsync([TableAction.Delete(new TableRow(organisation, Key("c", gone.Id)))], cancellationToken);
            changes.Add(new CertificateChange(organisation, gone.Id, CertificateChangeKind.Removed, gone.Thumbprint, null, at, source));
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            await Table.SubmitAsync([TableAction.Upsert(Json(organisation, Key("h", change.CertificateId, TableKeys.Descending(at.UtcTicks), TableKeys.Number(i)), change))], cancellationToken);
        }

        await ReplaceAsync(organisation, Key("e", source) + TableKeys.Separator, sweep.Endpoints.Select(e => Json(organisation, Key("e", source, e.Target), e)), cancellationToken);
        await ReplaceAsync(organisation, Key("r", source) + TableKeys.Separator, sweep.References.Select(r => Json(organisation, Key("r", source, r.CertificateId), r)), cancellationToken);
        return changes;
    }

    public async Task<IReadOnlyList<ServedEndpoint>> ListServedEndpointsAsync(string organisation, CancellationToken cancellationToken) =>
        await ReadAsync<ServedEndpoint>(organisation, "e" + TableKeys.Separator, cancellationToken);

    public async Task<IReadOnlyList<SecretReferences>> ListSecretReferencesAsync(string organisation, CancellationToken cancellationToken) =>
        await ReadAsync<SecretReferences>(organisation, "r" + TableKeys.Separator, cancellationToken);

    public Task ReplaceUsagesAsync(string organisation, IReadOnlyList<CertificateUsage> usages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usages);
        return ReplaceAsync(organisation, "u" + TableKeys.Separator, usages.DistinctBy(u => (u.CertificateId, u.Kind, u.Target)).Select(u => Json(organisation, UsageKey(u), u)), cancellationToken);
    }

    public async Task<Certificate?> GetAsync(string organisation, string certificateId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key("c", certificateId), cancellationToken) is { } row ? JsonColumns.Read<Certificate>(row) : null;

    public async Task<Page<Certificate>> ListAsync(string organisation, CertificateFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await ListAllAsync(organisation, cancellationToken);
        var items = all.Where(filter.Matches).Where(c => after is null || string.CompareOrdinal(Cursor(c), after) > 0).Take(limit + 1).ToList();
        return Pages.Of(items, limit, Cursor);
    }

    public async Task<IReadOnlyList<Certificate>> ListAllAsync(string organisation, CancellationToken cancellationToken) =>
        [.. (await ReadAsync<Certificate>(organisation, "c" + TableKeys.Separator, cancellationToken)).OrderBy(Cursor, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<CertificateUsage>> ListUsagesAsync(string organisation, string certificateId, CancellationToken cancellationToken) =>
        await ReadAsync<CertificateUsage>(organisation, Key("u", certificateId) + TableKeys.Separator, cancellationToken);

    public async Task<int> CountUsagesAsync(string organisation, CancellationToken cancellationToken) =>
        (await ReadAsync<CertificateUsage>(organisation, "u" + TableKeys.Separator, cancellationToken)).Count;

    public async Task<IReadOnlyList<CertificateChange>> ListChangesAsync(string organisation, string certificateId, CancellationToken cancellationToken) =>
        await ReadAsync<CertificateChange>(organisation, Key("h", certificateId) + TableKeys.Separator, cancellationToken);

    private static string Cursor(Certificate certificate) => TableKeys.Number(certificate.NotAfter.ToUnixTimeMilliseconds() + 62135596800000L) + "|" + certificate.Id;

    private static string Key(string kind, params string[] parts) => kind + TableKeys.Separator + TableKeys.Join(parts);

    private static string UsageKey(CertificateUsage usage) => Key("u", usage.CertificateId, usage.Kind.ToString(), usage.Target);

    private static TableRow Json<T>(string organisation, string rowKey, T value)
    {
        var row = new TableRow(organisation, rowKey);
        JsonColumns.Write(row, value);
        return row;
    }

    private async Task<List<T>> ReadAsync<T>(string organisation, string prefix, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var row in Table.QueryAsync(organisation, prefix, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            items.Add(JsonColumns.Read<T>(row));
        }

        return items;
    }

    /// <summary>Makes the rows under <paramref name="prefix"/> exactly <paramref name="rows"/>: upserts them, deletes the others.</summary>
    private async Task ReplaceAsync(string organisation, string prefix, IEnumerable<TableRow> rows, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync(organisation, prefix, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            existing.Add(row.RowKey);
        }

        foreach (var batch in TableLimits.Batches(rows))
        {
            await Table.SubmitAsync([.. batch.Select(TableAction.Upsert)], cancellationToken);
            existing.ExceptWith(batch.Select(r => r.RowKey));
        }

        foreach (var chunk in existing.Chunk(TableLimits.MaxBatchActions))
        {
            await Table.SubmitAsync([.. chunk.Select(k => TableAction.Delete(new TableRow(organisation, k)))], cancellationToken);
        }
    }
}
