using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Store.Sqlite;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteCheckpointTests : IDisposable
{
    private const int Rows = 2_000; // 2,000 rows of 4,000 bytes: about 2,000 pages, twice SQLite's automatic checkpoint
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "qlrf-unit-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(directory, "qlrf.db");

    private string WalPath => DatabasePath + "-wal";

    [Fact]
    public async Task Commits_only_append_to_the_wal_and_closing_copies_it_back()
    {
        var database = Open(TimeSpan.FromMinutes(10), walCapMb: 256);
        await WriteAsync(database, transactions: 20);

        // SQLite's own checkpoint would have run on the commit that passed 1,000 pages and the WAL restarted.
        Assert.True(new FileInfo(WalPath).Length > Rows * 4_000L, $"the WAL holds {new FileInfo(WalPath).Length:N0} bytes");
        Assert.Equal(0, database.Checkpoints);
        database.Dispose();

        Assert.Equal(0, new FileInfo(WalPath).Exists ? new FileInfo(WalPath).Length : 0);
        Assert.Equal(Rows, Count());
    }

    [Fact]
    public async Task The_background_checkpointer_copies_committed_writes_into_the_file()
    {
        using var database = Open(TimeSpan.FromMilliseconds(20), walCapMb: 256);
        var before = new FileInfo(DatabasePath).Length;
        await WriteAsync(database, transactions: 20);

        // The file grows while the checkpoint runs and the count moves only once it returns: wait for both.
        Assert.True(SpinWait.SpinUntil(() => new FileInfo(DatabasePath).Length > before + (Rows * 4_000L) && database.Checkpoints > 0, Patience), $"the database file never grew ({new FileInfo(DatabasePath).Length:N0} bytes, {database.Checkpoints} checkpoints)");
        Assert.Equal(0, database.WalTruncations);
    }

    [Fact]
    public async Task A_wal_past_its_cap_is_emptied_once_the_readers_holding_it_finish()
    {
        using var database = Open(TimeSpan.FromMilliseconds(20), walCapMb: 4);
        await WriteAsync(database, transactions: 1, rows: 1);
        using (var reader = database.OpenRead())
        {
            // A read transaction on the snapshot before the big write keeps its frames from being copied back.
            using var transaction = reader.BeginTransaction(deferred: true);
            Assert.Equal(1, Count(reader, transaction));
            await WriteAsync(database, transactions: 1);
            Assert.True(new FileInfo(WalPath).Length > 4L * 1024 * 1024, $"the WAL holds {new FileInfo(WalPath).Length:N0} bytes, {database.Checkpoints} checkpoints, {database.WalTruncations} truncations");
            Assert.Equal(1, Count(reader, transaction));
        }

        // Only a TRUNCATE checkpoint empties the file (a passive one leaves it for the writer to reuse).
        Assert.True(SpinWait.SpinUntil(() => database.WalTruncations > 0, Patience), "the WAL was never truncated");
        Assert.Equal(0, new FileInfo(WalPath).Length);
        Assert.Equal(Rows + 1, Count());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteDatabase Open(TimeSpan interval, int walCapMb) => new(
        Options.Create(new SqliteStoreOptions { Path = DatabasePath, CheckpointInterval = interval, WalCapMb = walCapMb }),
        [],
        NullLogger<SqliteDatabase>.Instance);

    private static async Task WriteAsync(SqliteDatabase database, int transactions, int rows = Rows)
    {
        await database.WriteAsync((c, t) => Run(c, t, "CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, body BLOB)"), CancellationToken.None);
        for (var i = 0; i < transactions; i++)
        {
            var count = rows / transactions;
            await database.WriteAsync((c, t) => Run(c, t, $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) INSERT INTO blobs (body) SELECT randomblob(4000) FROM n"), CancellationToken.None);
        }
    }

    private long Count()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return Count(connection, null);
    }

    private static long Count(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM blobs";
        return (long)command.ExecuteScalar()!;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
