using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// The inventory, image registry, drift and rollout stores of one backend, so a scenario runs the same against both: the
/// embedded store (real SQLite) and the Table Storage stores (real Table Storage: <see cref="Azurite"/>).
/// </summary>
public sealed class RegistryStores : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Tables = "tables";

    private readonly TempStore? sqlite;

    public RegistryStores(string backend, TimeProvider time, Azurite? azurite = null)
    {
        if (backend == Sqlite)
        {
            sqlite = new TempStore(time);
            Inventory = sqlite.Inventory;
            Images = sqlite.Images;
            Drift = sqlite.Drift;
            Rollouts = sqlite.Rollouts;
            return;
        }

        var tables = azurite?.NewTables() ?? throw new ArgumentNullException(nameof(azurite), "The Table Storage backend runs on Azurite.");
        TableStorage = tables;
        var inventory = new TableInventoryStore(tables, time);
        Inventory = inventory;
        Images = new TableImageStore(tables, time);
        Drift = new TableDriftStore(tables, inventory, time);
        Rollouts = new TableRolloutStore(tables);
    }

    public static TheoryData<string> Backends => [Sqlite, Tables];

    /// <summary>The Table Storage backend's tables, on Azurite (null for the SQLite backend).</summary>
    public ITables? TableStorage { get; }

    public IInventoryStore Inventory { get; }

    public IImageStore Images { get; }

    public IDriftStore Drift { get; }

    public IRolloutStore Rollouts { get; }

    /// <summary>
    /// Stores the counts of a version's scan as <paramref name="countsJson"/>, as the store held them before (an older
    /// shape), so a test can read what an earlier release wrote.
    /// </summary>
    public async Task RewriteScanCountsAsync(string organisation, string versionId, string scanner, string countsJson)
    {
        if (sqlite is not null)
        {
            await sqlite.Database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE image_scans SET counts = $counts WHERE org = $org AND version_id = $id AND scanner = $scanner";
                command.Parameters.AddWithValue("$counts", countsJson);
                command.Parameters.AddWithValue("$org", organisation);
                command.Parameters.AddWithValue("$id", versionId);
                command.Parameters.AddWithValue("$scanner", scanner);
                Assert.Equal(1, command.ExecuteNonQuery());
            }, default);
            return;
        }

        var table = TableStorage![TableNames.ImageEvidence];
        var row = await table.GetAsync(TableKeys.Join(organisation, versionId), TableKeys.Join("scan", scanner), default) ?? throw new InvalidOperationException("no scan row");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(JsonColumns.ReadText(row))!;
        summary["counts"] = System.Text.Json.Nodes.JsonNode.Parse(countsJson);
        JsonColumns.WriteText(row, summary.ToJsonString());
        await table.SubmitAsync([TableAction.Replace(row, row.ETag)], default);
    }

    public void Dispose() => sqlite?.Dispose();
}
