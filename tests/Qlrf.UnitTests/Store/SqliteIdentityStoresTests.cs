using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteIdentityStoresTests : IdentityStoresContract, IDisposable
{
    private readonly TempStore temp;

    public SqliteIdentityStoresTests()
        : this(new TempStore())
    {
    }

    private SqliteIdentityStoresTests(TempStore temp)
        : base(temp.ApiKeys, temp.Bindings, temp.Time) => this.temp = temp;

    public void Dispose() => temp.Dispose();
}
