using Qlrf.Execution;

namespace Qlrf.Store.Tables;

/// <summary>The sandbox DR simulator's state on Table Storage (<see cref="TableNames.SandboxDrState"/>): partition = organisation, row = pair id, the document in JSON columns.</summary>
public sealed class TableSandboxDrStateStore(ITables tables) : ISandboxDrStateStore
{
    private ITable Table => tables[TableNames.SandboxDrState];

    public async Task<string?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TableKeys.Escape(pairId), cancellationToken) is { } row ? JsonColumns.ReadText(row) : null;

    public async Task SaveAsync(string organisation, string pairId, string document, CancellationToken cancellationToken)
    {
        var row = new TableRow(organisation, TableKeys.Escape(pairId));
        JsonColumns.WriteText(row, document, "sandbox DR state");
        await Table.UpsertAsync(row, cancellationToken);
    }
}
