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
        var written = false;
        var write = Task.Run(() => store.Database.WriteAsync(
            (c, t) =>
            {
                SqliteDatabaseCloseTestsSql.Run(c, t, "CREATE TABLE closing (id INTEGER)");
                inWrite.Set();
                finish.Wait(TimeSpan.FromSeconds(10));
                SqliteDatabaseCloseTestsSql.Run(c, t, "INSERT INTO closing VALUES (1)");
                Volatile.Write(ref written, true);
            },
            CancellationToken.None));
        Assert.True(inWrite.Wait(TimeSpan.FromSeconds(10)));

        // Close on a thread of its own, so that the test can see it block: it waits for the write, and is still
        // waiting when the write is let go.
        var closedAfterTheWrite = false;
        var closer = new Thread(() =>
        {
            store.Database.Dispose();
            closedAfterTheWrite = Volatile.Read(ref written);
        });
        closer.Start();
        Assert.True(SpinWait.SpinUntil(() => Blocked(closer) || !closer.IsAlive, TimeSpan.FromSeconds(10)), "closing neither blocked nor finished");
        Assert.True(closer.IsAlive, "closing finished while a write was in flight");
        finish.Set();
        Assert.True(closer.Join(TimeSpan.FromSeconds(10)), "closing did not finish after the write");
        await write;
        Assert.True(closedAfterTheWrite, "closing returned before the write in flight had run");

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

    private static bool Blocked(Thread thread) => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0;
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
