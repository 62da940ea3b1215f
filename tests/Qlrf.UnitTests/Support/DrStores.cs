using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Dr;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// The DR stores (pairs, drills, the sandbox simulator's state) of one backend, so a scenario runs the same against both:
/// the embedded store (real SQLite) and the Table Storage stores (real Table Storage: <see cref="Azurite"/>).
/// </summary>
public sealed class DrStores : IDisposable
{
    private readonly DrTempStore? sqlite;

    public DrStores(string backend, TimeProvider time, Azurite? azurite = null)
    {
        if (backend == RegistryStores.Sqlite)
        {
            sqlite = new DrTempStore();
            Pairs = sqlite.Pairs;
            Drills = sqlite.Drills;
            SandboxDr = sqlite.SandboxDr;
            return;
        }

        var tables = azurite?.NewTables() ?? throw new ArgumentNullException(nameof(azurite), "The Table Storage backend runs on Azurite.");
        TableStorage = tables;
        Pairs = new TableDrPairStore(tables, time);
        Drills = new TableDrillStore(tables);
        SandboxDr = new TableSandboxDrStateStore(tables);
    }

    public static TheoryData<string> Backends => RegistryStores.Backends;

    /// <summary>The Table Storage backend's tables, on Azurite (null for the SQLite backend).</summary>
    public ITables? TableStorage { get; }

    public IDrPairStore Pairs { get; }

    public IDrillStore Drills { get; }

    public ISandboxDrStateStore SandboxDr { get; }

    public void Dispose() => sqlite?.Dispose();
}
