using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Dr;
using Qlrf.UnitTests.Store.Tables;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// The DR stores (pairs, drills, the sandbox simulator's state) of one backend, so a scenario runs the same against both:
/// the embedded store (real SQLite) and the Table Storage stores (on <see cref="MemoryTables"/>).
/// </summary>
public sealed class DrStores : IDisposable
{
    private readonly DrTempStore? sqlite;

    public DrStores(string backend, TimeProvider time)
    {
        if (backend == RegistryStores.Sqlite)
        {
            sqlite = new DrTempStore();
            Pairs = sqlite.Pairs;
            Drills = sqlite.Drills;
            SandboxDr = sqlite.SandboxDr;
            return;
        }

        Pairs = new TableDrPairStore(MemoryTables, time);
        Drills = new TableDrillStore(MemoryTables);
        SandboxDr = new TableSandboxDrStateStore(MemoryTables);
    }

    public static TheoryData<string> Backends => RegistryStores.Backends;

    /// <summary>The Table Storage backend's tables (unused by the SQLite one).</summary>
    public MemoryTables MemoryTables { get; } = new();

    public IDrPairStore Pairs { get; }

    public IDrillStore Drills { get; }

    public ISandboxDrStateStore SandboxDr { get; }

    public void Dispose() => sqlite?.Dispose();
}
