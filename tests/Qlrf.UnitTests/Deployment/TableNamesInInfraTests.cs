using System.Reflection;
using System.Text.RegularExpressions;
using Qlrf.Store.Tables;

namespace Qlrf.UnitTests.Deployment;

public sealed partial class TableNamesInInfraTests
{
    [Fact]
    public void Infra_creates_every_table_the_Table_stores_use()
    {
        var used = typeof(TableNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => "Qlrf" + (string)f.GetRawConstantValue()!).Order();
        var created = TableName().Matches(Repository.Read("infra", "app", "storage.bicep")).Select(m => m.Groups[1].Value).Order();

        Assert.Equal(used, created);
    }

    [GeneratedRegex(@"^\s*'(Qlrf[A-Za-z0-9]+)'\s*$", RegexOptions.Multiline)]
    private static partial Regex TableName();
}
