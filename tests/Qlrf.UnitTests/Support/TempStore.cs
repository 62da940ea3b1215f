using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Store.Sqlite;

namespace Qlrf.UnitTests.Support;

/// <summary>A real SQLite store in a temporary directory, deleted afterwards.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore(TimeProvider? time = null, QueueOptions? queue = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "qlrf-unit-" + Guid.NewGuid().ToString("N"));
        Time = time ?? new ManualTimeProvider();
        Database = new SqliteDatabase(
            Options.Create(new SqliteStoreOptions { Path = Path.Combine(Directory, "qlrf.db") }),
            [InventorySchema.V1, InventorySchema.V2, QueueSchema.V1, SandboxSchema.V1, SandboxSchema.V2, NotificationSchema.V1, ImageSchema.V1, DriftSchema.V1, DriftSchema.V2, IdentitySchema.V1, AuditSchema.V1, ApprovalSchema.V1, RolloutSchema.V1, RolloutSchema.V2],
            NullLogger<SqliteDatabase>.Instance);
        Queue = new SqliteAssetChangeQueue(Database, Options.Create(queue ?? new QueueOptions()), Time, NullLogger<SqliteAssetChangeQueue>.Instance);
        Inventory = new SqliteInventoryStore(Database, Time);
        Discovery = new SqliteDiscoveryStore(Database, Queue, Inventory, Time);
        SandboxState = new SqliteSandboxStateStore(Database, Time);
        Outbox = new SqliteNotificationOutbox(Database, Time);
        Images = new SqliteImageStore(Database, Time);
        Drift = new SqliteDriftStore(Database);
        ApiKeys = new SqliteApiKeyStore(Database);
        Bindings = new SqliteRoleBindingStore(Database);
        Audit = new SqliteAuditStore(Database, Time);
        Approvals = new SqliteApprovalStore(Database, Time);
        Rollouts = new SqliteRolloutStore(Database);
    }

    public string Directory { get; }

    public SqliteRolloutStore Rollouts { get; }

    public TimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public SqliteAssetChangeQueue Queue { get; }

    public SqliteInventoryStore Inventory { get; }

    public SqliteDiscoveryStore Discovery { get; }

    public SqliteSandboxStateStore SandboxState { get; }

    public SqliteNotificationOutbox Outbox { get; }

    public SqliteImageStore Images { get; }

    public SqliteDriftStore Drift { get; }

    public SqliteApiKeyStore ApiKeys { get; }

    public SqliteRoleBindingStore Bindings { get; }

    public SqliteAuditStore Audit { get; }

    public SqliteApprovalStore Approvals { get; }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
