using Qlrf.Errors;
using Qlrf.Paging;
using Qlrf.Security;

namespace Qlrf.Store.Tables;

/// <summary>API keys on Table Storage (<see cref="TableNames.ApiKeys"/>): partition = organisation, row = key id; a revocation replaces the row by ETag.</summary>
public sealed class TableApiKeyStore(ITables tables) : IApiKeyStore
{
    private ITable Table => tables[TableNames.ApiKeys];

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await Table.AddAsync(Row(key), cancellationToken);
        }
        catch (TableConflictException)
        {
            throw new ConflictException($"API key '{key.Id}' already exists.");
        }
    }

    public async Task<ApiKey?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TableKeys.Escape(id), cancellationToken) is { } row ? SecurityRows.ReadApiKey(row) : null;

    public async Task<Page<ApiKey>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var from = afterId is null ? null : TableKeys.Escape(afterId);
        var keys = new List<ApiKey>();
        await foreach (var row in Table.QueryAsync(organisation, from, null, cancellationToken))
        {
            if (row.RowKey == from)
            {
                continue;
            }

            keys.Add(SecurityRows.ReadApiKey(row));
            if (keys.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(keys, limit, k => k.Id);
    }

    public async Task<ApiKey?> RevokeAsync(string organisation, string id, DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await Table.GetAsync(organisation, TableKeys.Escape(id), cancellationToken) is not { } row)
            {
                return null;
            }

            var key = SecurityRows.ReadApiKey(row);
            if (key.RevokedAt is not null)
            {
                return key;
            }

            var revoked = key with { RevokedAt = at, RevokedBy = by };
            try
            {
                await Table.ReplaceAsync(Row(revoked), row.ETag, cancellationToken);
                return revoked;
            }
            catch (TablePreconditionException)
            {
                // Changed meanwhile: read it again.
            }
        }
    }

    public async Task<bool> HasActiveAdminAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync(organisation, null, null, cancellationToken))
        {
            var key = SecurityRows.ReadApiKey(row);
            if (key.Role == Role.Admin && key.Scope.Level == ScopeLevel.Organisation && key.IsActiveAt(now))
            {
                return true;
            }
        }

        return false;
    }

    private static TableRow Row(ApiKey key) => SecurityRows.Write(key, TableKeys.Escape(key.Id));
}
