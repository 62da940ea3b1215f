using System.ComponentModel.DataAnnotations;

namespace Qlrf.Store.Sqlite;

/// <summary>Settings of the embedded SQLite store, section <c>Qlrf:Store</c>.</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Qlrf:Store";

    /// <summary>The database file. Relative paths are taken from the working directory. Default <c>.qlrf/qlrf.db</c>.</summary>
    [Required(ErrorMessage = "Qlrf:Store:Path must name the SQLite database file.")]
    public string Path { get; set; } = ".qlrf/qlrf.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting in WAL mode. <c>Normal</c> (the default) survives a process crash;
    /// <c>Full</c> also survives a power loss, at some cost per commit.
    /// </summary>
    [EnumDataType(typeof(SqliteSynchronous), ErrorMessage = "Qlrf:Store:Synchronous must be Normal or Full.")]
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>SQLite's page cache of the writing connection, in MB (allocated only as pages are used; readers get a quarter). Default 16: larger caches and a memory map speed up reads of a big store but count towards the process's working set.</summary>
    [Range(1, 65536, ErrorMessage = "Qlrf:Store:CacheSizeMb must be between 1 and 65536.")]
    public int CacheSizeMb { get; set; } = 16;

    /// <summary>How much of the file SQLite reads through a memory map, in MB; 0 (the default) turns it off.</summary>
    [Range(0, 1048576, ErrorMessage = "Qlrf:Store:MmapSizeMb must be between 0 and 1048576.")]
    public int MmapSizeMb { get; set; }

    /// <summary>
    /// How often the background checkpointer copies committed writes from the WAL back into the database file
    /// (commits themselves never do: they only append to the WAL). Default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Qlrf:Store:CheckpointInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The WAL's size, in MB, past which the checkpointer empties it even if that means holding writes back until
    /// readers finish (a TRUNCATE checkpoint); below it checkpoints never wait. Default 256.
    /// </summary>
    [Range(4, 65536, ErrorMessage = "Qlrf:Store:WalCapMb must be between 4 and 65536.")]
    public int WalCapMb { get; set; } = 256;

    /// <summary>How long a statement waits for a lock held by another connection. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Qlrf:Store:BusyTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}
