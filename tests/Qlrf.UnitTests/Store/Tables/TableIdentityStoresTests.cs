using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

/// <summary>The identity stores' contract on the Table Storage adapters, on Table rules.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableIdentityStoresTests : IdentityStoresContract
{
    public TableIdentityStoresTests(Azurite azurite)
        : this(azurite.NewTables())
    {
    }

    private TableIdentityStoresTests(ITables tables)
        : base(new TableApiKeyStore(tables), new TableRoleBindingStore(tables), new ManualTimeProvider())
    {
    }
}
