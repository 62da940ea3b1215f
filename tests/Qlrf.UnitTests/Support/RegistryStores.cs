using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Store.Tables;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// The inventory, image registry, drift and rollout stores of one backend, so a scenario runs the same against both: the
/// embedded store (real SQLite) and the Table Storage stores (on <see cref="MemoryTables"/>).
/// </summary>
public sealed class RegistryStores : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Tables = "tables";

    private readonly TempStore? sqlite;

    public RegistryStores(string backend, TimeProvider time)
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

        var inventory = new TableInventoryStore(MemoryTables, time);
        Inventory = inventory;
        Images = new TableImageStore(MemoryTables, time);
        Drift = new TableDriftStore(MemoryTables, inventory, time);
        Rollouts = new TableRolloutStore(MemoryTables);
    }

    public static TheoryData<string> Backends => [Sqlite, Tables];

    /// <summary>The Table Storage backend's tables (unused by the SQLite one).</summary>
    public MemoryTables MemoryTables { get; } = new();

    public IInventoryStore Inventory { get; }

    public IImageStore Images { get; }

    public IDriftStore Drift { get; }

    public IRolloutStore Rollouts { get; }

    public void Dispose() => sqlite?.Dispose();
}
