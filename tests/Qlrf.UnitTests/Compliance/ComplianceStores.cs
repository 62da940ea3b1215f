using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Compliance;
using Qlrf.Store.Sqlite;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The compliance store of one backend: real SQLite in a temporary directory, or Table Storage on Azurite.</summary>
internal sealed class ComplianceStores : IDisposable
{
    private readonly SqliteDatabase? database;
    private readonly string? directory;

    public ComplianceStores(string backend, Azurite? azurite = null)
    {
        if (backend == RegistryStores.Sqlite)
        {
            directory = Path.Combine(Path.GetTempPath(), "qlrf-compliance-" + Guid.NewGuid().ToString("N"));
            database = new SqliteDatabase(
                Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "qlrf.db") }),
                [ComplianceSchema.V1],
                NullLogger<SqliteDatabase>.Instance);
            Store = new SqliteComplianceStore(database);
            return;
        }

        Store = new TableComplianceStore(azurite?.NewTables() ?? throw new ArgumentNullException(nameof(azurite), "The Table Storage backend runs on Azurite."));
    }

    public IComplianceStore Store { get; }

    public void Dispose()
    {
        database?.Dispose();
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
