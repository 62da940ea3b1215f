using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Qlrf.Store.Sqlite;

/// <summary>
/// Copies the WAL back into the database file off the commit path: the writer runs with SQLite's automatic
/// checkpoint turned off, and this checkpoints on a connection of its own, on a background task, whenever writes
/// have committed since its last pass (PASSIVE: it never waits for, nor blocks, the writer or readers). When
/// readers keep the WAL from being copied and it passes <see cref="SqliteStoreOptions.WalCapMb"/>, it runs a
/// TRUNCATE checkpoint instead, which waits for them and holds writes back until the WAL is empty again, so the
/// WAL cannot grow without bound.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Func<long> writeCount;
    private readonly TimeSpan interval;
    private readonly long capFrames;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long checkpointedAt = -1;
    private long checkpoints;
    private long truncations;
    private bool disposed;

    public WalCheckpointer(string connectionString, Func<long> writeCount, TimeSpan interval, int capMb, int busyTimeoutMs, ILogger logger)
    {
        this.writeCount = writeCount;
        this.interval = interval;
        this.logger = logger;
        connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteDatabase.Execute(connection, $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA cache_size = -64;");
        using (var pageSize = connection.CreateCommand())
        {
            pageSize.CommandText = "PRAGMA page_size";
            capFrames = (long)capMb * 1024 * 1024 / Convert.ToInt64(pageSize.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints done since the store opened (PASSIVE and TRUNCATE).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>TRUNCATE checkpoints run because the WAL passed its cap.</summary>
    public long Truncations => Interlocked.Read(ref truncations);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stop.Cancel();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Faults were logged by the loop; the store's close checkpoints on the writer anyway.
        }

        connection.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var writes = writeCount();
            if (writes == checkpointedAt)
            {
                continue;
            }

            try
            {
                var (log, copied) = Checkpoint("PASSIVE");
                if (log >= capFrames)
                {
                    StoreLogs.WalOverCap(logger, log, copied);
                    Checkpoint("TRUNCATE");
                    Interlocked.Increment(ref truncations);
                }

                checkpointedAt = writes;
            }
            catch (SqliteException ex)
            {
                // Busy or locked: the next pass tries again; the writer's close checkpoints too.
                StoreLogs.CheckpointFailed(logger, ex.SqliteErrorCode, ex.Message);
            }
        }
    }

    private (long Log, long Copied) Checkpoint(string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        reader.Read();
        Interlocked.Increment(ref checkpoints);
        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
