using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Store.Sqlite;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Dr;

/// <summary>A real SQLite store with the DR and sandbox DR schemas, in a temporary directory deleted afterwards.</summary>
internal sealed class DrTempStore : IDisposable
{
    public DrTempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "qlrf-dr-" + Guid.NewGuid().ToString("N"));
        Database = new SqliteDatabase(
            Options.Create(new SqliteStoreOptions { Path = Path.Combine(Directory, "qlrf.db") }),
            [DrSchema.V1, SandboxDrSchema.V1],
            NullLogger<SqliteDatabase>.Instance);
        Pairs = new SqliteDrPairStore(Database);
        Drills = new SqliteDrillStore(Database);
        SandboxDr = new SqliteSandboxDrStateStore(Database);
    }

    public string Directory { get; }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));

    public SqliteDatabase Database { get; }

    public SqliteDrPairStore Pairs { get; }

    public SqliteDrillStore Drills { get; }

    public SqliteSandboxDrStateStore SandboxDr { get; }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
