using Microsoft.Data.Sqlite;
using Qlrf.Health;

namespace Qlrf.Store.Sqlite;

/// <summary>Readiness: the store opens and answers a query.</summary>
internal sealed class SqliteReadinessCheck(SqliteDatabase database) : IReadinessCheck
{
    public Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(database.Ping() ? null : "The store has no schema.");
        }
        catch (SqliteException ex)
        {
            return Task.FromResult<string?>($"The store does not answer: {ex.SqliteErrorCode}.");
        }
    }
}
