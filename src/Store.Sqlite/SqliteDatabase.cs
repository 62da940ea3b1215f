using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Qlrf.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, owned by one host process at a time (a lock file
/// beside it refuses a second host). Writes go through one connection, one transaction at a time;
/// reads use pooled connections and never wait for writes. Commits only append to the WAL: a background
/// <see cref="WalCheckpointer"/> copies it back into the file.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    // Never disposed: a write waiting on it when the store closes must wake to be refused, not hang.
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private volatile bool disposed;
    private readonly SqliteConnection writer;
    private readonly FileStream lockFile;
    private readonly string readConnectionString;
    private readonly string readPragmas;
    private readonly WalCheckpointer checkpointer;
    private readonly ConcurrentDictionary<string, AsyncSignal> signals = new(StringComparer.Ordinal);
    private long writeCount;
    private long writeAttempts;

    public SqliteDatabase(IOptions<SqliteStoreOptions> options, IEnumerable<SchemaMigration> migrations, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        FilePath = System.IO.Path.GetFullPath(settings.Path);
        var directory = System.IO.Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(directory);
        lockFile = AcquireLock(FilePath + ".lock");

        var timeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = timeout,
        };
        readConnectionString = builder.ToString();
        readPragmas = $"PRAGMA mmap_size = {(long)settings.MmapSizeMb * 1024 * 1024}; PRAGMA cache_size = -{Math.Max(1, settings.CacheSizeMb / 4) * 1024};";
        builder.Pooling = false;
        writer = new SqliteConnection(builder.ToString());
        writer.Open();
        Execute(writer, $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {settings.Synchronous.ToString().ToUpperInvariant()};
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -{settings.CacheSizeMb * 1024};
            PRAGMA mmap_size = {(long)settings.MmapSizeMb * 1024 * 1024};
            PRAGMA busy_timeout = {(int)settings.BusyTimeout.TotalMilliseconds};
            PRAGMA wal_autocheckpoint = 0;
            PRAGMA journal_size_limit = {(long)settings.WalCapMb * 1024 * 1024 / 4};
            """);
        SchemaMigrator.Apply(writer, migrations, logger);
        checkpointer = new WalCheckpointer(
            builder.ToString(), () => WriteCount, settings.CheckpointInterval, settings.WalCapMb, (int)settings.BusyTimeout.TotalMilliseconds, logger);
        StoreLogs.Opened(logger, FilePath, settings.Synchronous);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Committed write transactions since the store opened.</summary>
    public long WriteCount => Interlocked.Read(ref writeCount);

    /// <summary>WAL checkpoints run by the background checkpointer since the store opened.</summary>
    public long Checkpoints => checkpointer.Checkpoints;

    /// <summary>Checkpoints that emptied the WAL because it passed its cap.</summary>
    internal long WalTruncations => checkpointer.Truncations;

    /// <summary>
    /// Test hook for fault injection: called with each write's number (from 1) after its work ran and before it
    /// commits; an exception thrown here fails that write, which rolls back.
    /// </summary>
    internal Action<long>? BeforeCommit { get; set; }

    /// <summary>Opens a pooled connection for reading.</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(readConnectionString);
        connection.Open();
        Execute(connection, readPragmas);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it; rolls back if it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var transaction = writer.BeginTransaction();
            var result = work(writer, transaction);
            BeforeCommit?.Invoke(Interlocked.Increment(ref writeAttempts));
            transaction.Commit();
            Interlocked.Increment(ref writeCount);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>((c, t) => { work(c, t); return true; }, cancellationToken);

    /// <summary>The in-process signal with the given name (a queue's, a dispatcher's).</summary>
    public AsyncSignal Signal(string name) => signals.GetOrAdd(name, _ => new AsyncSignal());

    /// <summary>Checks the store answers (for readiness).</summary>
    public bool Ping()
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public void Dispose()
    {
        // A write still in flight (a background worker the host has not stopped yet) finishes first: the
        // checkpoint and the close need the writer to themselves. Writes that come after are refused.
        checkpointer.Dispose();
        var held = writeGate.Wait(DisposeWait);
        try
        {
            disposed = true;
            if (held)
            {
                Execute(writer, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }
        catch (SqliteException)
        {
            // A checkpoint is an optimisation; the WAL is replayed on the next open.
        }
        finally
        {
            writer.Dispose();
            if (held)
            {
                writeGate.Release();
            }
        }

        SqliteConnection.ClearAllPools();
        var lockPath = lockFile.Name;
        lockFile.Dispose();
        File.Delete(lockPath);
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static FileStream AcquireLock(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var w = new StreamWriter(stream, leaveOpen: true))
            {
                w.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            }

            stream.Flush();
            return stream;
        }
        catch (IOException ex)
        {
            var owner = TryRead(path);
            throw new InvalidOperationException(
                $"The store '{path[..^5]}' is in use by another QL-RF host{(owner is null ? string.Empty : $" (process {owner})")}. "
                + "Stop it, or point Qlrf:Store:Path at another file.",
                ex);
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd().Trim() is { Length: > 0 } text ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
