using Qlrf.Rollouts;

namespace Qlrf.Store.Tables;

/// <summary>Policy exceptions: rows <c>x|{target}</c> of the organisation's partition.</summary>
public sealed partial class TableRolloutStore
{
    public async Task<PolicyExceptionGrant> GrantExceptionAsync(PolicyExceptionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var row = new TableRow(grant.Organisation, TableKeys.Join("x", grant.Target));
        JsonColumns.Write(row, grant);
        await Table.UpsertAsync(row, cancellationToken);
        return grant;
    }

    public Task<bool> RevokeExceptionAsync(string organisation, string target, CancellationToken cancellationToken) =>
        Table.DeleteAsync(organisation, TableKeys.Join("x", target), cancellationToken);

    public async Task<IReadOnlyList<PolicyExceptionGrant>> ListExceptionsAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "x" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<PolicyExceptionGrant>)
            .OrderBy(g => g.Target, StringComparer.Ordinal)
            .ToList();
}
