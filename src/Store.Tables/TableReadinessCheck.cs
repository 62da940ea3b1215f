using Qlrf.Health;

namespace Qlrf.Store.Tables;

/// <summary>Readiness of the Table Storage stores: a point read answers (a missing row is fine; an error is not).</summary>
public sealed class TableReadinessCheck(ITables tables) : IReadinessCheck
{
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tables[TableNames.Audit].GetAsync("readiness", "probe", cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"Table Storage does not answer: {ex.Message}";
        }
    }
}
