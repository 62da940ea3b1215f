using Qlrf.Certificates;
using Qlrf.Paging;
using Qlrf.Secrets;

namespace Qlrf.Store.Tables;

/// <summary>
/// The secret inventory (metadata only) on Table Storage (<see cref="TableNames.Secrets"/>), in the organisation's
/// partition. A sweep's writes go row by row; a reader may see a sweep half applied, and the next sweep converges.
/// </summary>
public sealed partial class TableSecretStore(ITables tables) : ISecretStore
{
    private ITable Table => tables[TableNames.Secrets];

    public async Task<IReadOnlyList<SecretChange>> ApplySweepAsync(string organisation, string source, SecretSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var before = (await ListAllAsync(organisation, cancellationToken)).Where(s => s.Store == source).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var keep = new HashSet<string>(sweep.Unreachable ?? [], StringComparer.Ordinal);
        var changes = new List<SecretChange>();
        foreach (var secret in sweep.Secrets)
        {
            before.TryGetValue(secret.Id, out var old);
            await Table.SubmitAsync([TableAction.Upsert(Json(organisation, Key("s", secret.Id), secret with { Organisation = organisation }))], cancellationToken);
            if (SecretChanges.Of(organisation, source, old, secret, at) is { } change)
            {
                changes.Add(change);
            }

            before.Remove(secret.Id);
        }

        foreach (var gone in before.Values.Where(s => !keep.Contains(s.Id)))
        {
            await Table.SubmitAsync([TableAction.Delete(new TableRow(organisation, Key("s", gone.Id)))], cancellationToken);
            changes.Add(new SecretChange(organisation, gone.Id, CertificateChangeKind.Removed, gone.Version, null, at, source));
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            await Table.SubmitAsync([TableAction.Upsert(Json(organisation, Key("h", change.SecretId, TableKeys.Descending(at.UtcTicks), TableKeys.Number(i)), change))], cancellationToken);
        }

        return changes;
    }

    public async Task<Secret?> GetAsync(string organisation, string secretId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key("s", secretId), cancellationToken) is { } row ? JsonColumns.Read<Secret>(row) : null;

    public async Task<Page<Secret>> ListAsync(string organisation, SecretFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await ListAllAsync(organisation, cancellationToken);
        var items = all.Where(filter.Matches).Where(s => after is null || string.CompareOrdinal(s.Id, after) > 0).Take(limit + 1).ToList();
        return Pages.Of(items, limit, s => s.Id);
    }

    public async Task<IReadOnlyList<Secret>> ListAllAsync(string organisation, CancellationToken cancellationToken) =>
        [.. (await ReadAsync<Secret>(organisation, "s" + TableKeys.Separator, cancellationToken)).OrderBy(s => s.Id, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<SecretChange>> ListChangesAsync(string organisation, string secretId, CancellationToken cancellationToken) =>
        await ReadAsync<SecretChange>(organisation, Key("h", secretId) + TableKeys.Separator, cancellationToken);

    private static string Key(string kind, params string[] parts) => kind + TableKeys.Separator + TableKeys.Join(parts);

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
}
