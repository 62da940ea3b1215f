using Microsoft.Data.Sqlite;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteDatabaseCloseTests
{
    [Fact]
    public async Task Closing_the_store_lets_a_write_in_flight_commit_and_refuses_writes_after_it()
    {
        var store = new TempStore();
        var path = Path.Combine(store.Directory, "qlrf.db");
        using var inWrite = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var write = Task.Run(() => store.Database.WriteAsync(
            (c, t) =>
            {
                SqliteDatabaseCloseTestsSql.Run(c, t, "CREATE TABLE closing (id INTEGER)");
                inWrite.Set();
                finish.Wait(TimeSpan.FromSeconds(10));
                SqliteDatabaseCloseTestsSql.Run(c, t, "INSERT INTO closing VALUES (1)");
            },
            CancellationToken.None));
        Assert.True(inWrite.Wait(TimeSpan.FromSeconds(10)));

        var closing = Task.Run(store.Database.Dispose);
        Assert.NotSame(closing, await Task.WhenAny(closing, Task.Delay(200)));
        finish.Set();
        await closing.WaitAsync(TimeSpan.FromSeconds(10));
        await write;

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Database.WriteAsync((_, _) => { }, CancellationToken.None));
        using var reopened = new SqliteConnection($"Data Source={path}");
        reopened.Open();
        using var count = reopened.CreateCommand();
        count.CommandText = "SELECT count(*) FROM closing";
        Assert.Equal(1L, count.ExecuteScalar());
        reopened.Close();
        SqliteConnection.ClearAllPools();
        Directory.Delete(store.Directory, recursive: true);
    }
}

internal static class SqliteDatabaseCloseTestsSql
{
    public static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
