using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Paging;
using Qlrf.Security;

namespace Qlrf.Store.Tables;

/// <summary>
/// Role bindings on Table Storage (<see cref="TableNames.RoleBindings"/>): partition = organisation; each binding is
/// written twice in one batch, as <c>b|{id}</c> and as <c>g|{subject}|{role}|{scope}</c>, which makes a second binding
/// of the same grant a conflict and reads a subject's bindings in one range query. Bindings never change, so the
/// copies cannot drift apart; a delete removes both in one batch.
/// </summary>
public sealed class TableRoleBindingStore(ITables tables) : IRoleBindingStore
{
    private const string ById = "b";
    private const string BySubject = "g";

    private ITable Table => tables[TableNames.RoleBindings];

    public async Task AddAsync(RoleBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        try
        {
            await Table.SubmitAsync([TableAction.Add(SecurityRows.Write(binding, IdKey(binding.Id))), TableAction.Add(SecurityRows.Write(binding, GrantKey(binding)))], cancellationToken);
        }
        catch (TableConflictException)
        {
            throw new ConflictException($"'{binding.Subject}' already holds {EnumText<Role>.Of(binding.Role)} at {binding.Scope}.");
        }
    }

    public async Task<RoleBinding?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, IdKey(id), cancellationToken) is { } row ? SecurityRows.ReadBinding(row) : null;

    public async Task<Page<RoleBinding>> ListAsync(string organisation, string? subject, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var after = afterId is null ? null : IdKey(afterId);
        var bindings = new List<RoleBinding>();
        await foreach (var row in Table.QueryAsync(organisation, after ?? ById + TableKeys.Separator, TableKeys.PrefixEnd(ById + TableKeys.Separator), cancellationToken))
        {
            var binding = SecurityRows.ReadBinding(row);
            if (row.RowKey == after || (subject is not null && binding.Subject != subject))
            {
                continue;
            }

            bindings.Add(binding);
            if (bindings.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(bindings, limit, b => b.Id);
    }

    public async Task<IReadOnlyList<RoleBinding>> ListForSubjectAsync(string organisation, string subject, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, TableKeys.Join(BySubject, subject) + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(SecurityRows.ReadBinding);

    public async Task<bool> DeleteAsync(string organisation, string id, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(organisation, IdKey(id), cancellationToken) is not { } row)
        {
            return false;
        }

        var binding = SecurityRows.ReadBinding(row);
        try
        {
            await Table.SubmitAsync([TableAction.Delete(row, row.ETag), TableAction.Delete(new TableRow(organisation, GrantKey(binding)))], cancellationToken);
            return true;
        }
        catch (TablePreconditionException)
        {
            return false;
        }
    }

    public async Task<bool> HasOrganisationAdminAsync(string organisation, CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryPrefixAsync(organisation, ById + TableKeys.Separator, cancellationToken))
        {
            var binding = SecurityRows.ReadBinding(row);
            if (binding.Role == Role.Admin && binding.Scope.Level == ScopeLevel.Organisation)
            {
                return true;
            }
        }

        return false;
    }

    private static string IdKey(string id) => TableKeys.Join(ById, id);

    private static string GrantKey(RoleBinding b) => TableKeys.Join(BySubject, b.Subject, EnumText<Role>.Of(b.Role), b.Scope.ToString());
}
