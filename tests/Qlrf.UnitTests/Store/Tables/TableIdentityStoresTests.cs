using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>The identity stores' contract on the Table Storage adapters, on Table rules.</summary>
public sealed class TableIdentityStoresTests : IdentityStoresContract
{
    public TableIdentityStoresTests()
        : this(new MemoryTables())
    {
    }

    private TableIdentityStoresTests(MemoryTables tables)
        : base(new TableApiKeyStore(tables), new TableRoleBindingStore(tables), new ManualTimeProvider())
    {
    }
}
