using System.Text.Json;
using Qlrf.Execution;

namespace Qlrf.Store.Tables;

/// <summary>The sandbox platform's state on Table Storage (<see cref="TableNames.SandboxState"/>): partition = organisation, row = asset id.</summary>
public sealed class TableSandboxStateStore(ITables tables, TimeProvider time) : ISandboxStateStore
{
    private ITable Table => tables[TableNames.SandboxState];

    public async Task<IReadOnlyDictionary<string, SandboxAssetState>> LoadAsync(string organisation, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, SandboxAssetState>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync(organisation, null, null, cancellationToken))
        {
            var state = Read(row);
            states[state.AssetId] = state;
        }

        return states;
    }

    public async Task<SandboxAssetState?> GetAsync(string organisation, string assetId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TableKeys.Escape(assetId), cancellationToken) is { } row ? Read(row) : null;

    public async Task<SandboxAssetState> SetImageAsync(string organisation, string assetId, string version, string? reference, string changedBy, CancellationToken cancellationToken)
    {
        var current = await GetAsync(organisation, assetId, cancellationToken);
        var state = new SandboxAssetState(assetId, version, reference, changedBy, time.GetUtcNow()) { PatchSets = current?.PatchSets ?? [] };
        await WriteAsync(organisation, state, cancellationToken);
        return state;
    }

    public async Task<SandboxAssetState> SetPatchSetsAsync(
        string organisation, string assetId, string version, string? reference, IReadOnlyList<string> patchSets, string changedBy, CancellationToken cancellationToken)
    {
        var current = await GetAsync(organisation, assetId, cancellationToken);
        var state = new SandboxAssetState(assetId, current?.ImageVersion ?? version, current is null ? reference : current.ImageReference, changedBy, time.GetUtcNow())
        {
            PatchSets = [.. patchSets],
        };
        await WriteAsync(organisation, state, cancellationToken);
        return state;
    }

    private Task<string> WriteAsync(string organisation, SandboxAssetState state, CancellationToken cancellationToken) =>
        Table.UpsertAsync(new TableRow(organisation, TableKeys.Escape(state.AssetId))
        {
            ["AssetId"] = state.AssetId,
            ["ImageVersion"] = state.ImageVersion,
            ["ImageReference"] = state.ImageReference,
            ["ChangedBy"] = state.ChangedBy,
            ["ChangedAt"] = state.ChangedAt,
            ["PatchSets"] = JsonSerializer.Serialize(state.PatchSets),
        }, cancellationToken);

    private static SandboxAssetState Read(TableRow row) => new(
        row.Text("AssetId"), row.Text("ImageVersion"), row.GetString("ImageReference"), row.Text("ChangedBy"), row.GetDate("ChangedAt") ?? DateTimeOffset.MinValue)
    {
        PatchSets = row.GetString("PatchSets") is { } sets ? JsonSerializer.Deserialize<List<string>>(sets) ?? [] : [],
    };
}
