using System.Reflection;
using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Deployment;

public sealed class TableNamesInInfraTests
{
    [Fact]
    public void Infra_creates_every_table_the_Table_stores_use_and_no_other()
    {
        var used = typeof(TableNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => new TableStoreOptions().Prefix + (string)f.GetRawConstantValue()!).Order();
        var created = InfraTemplate.Defaults.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]).Order();

        Assert.Equal(used, created);
    }
}
