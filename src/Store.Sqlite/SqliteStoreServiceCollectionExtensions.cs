using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Messaging;

namespace Qlrf.Store.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SQLite store (section <c>Qlrf:Store</c>) and queue (<c>Qlrf:Queue</c>) behind
    /// the store and queue ports: inventory, discovery, image registry, drift, rollouts and DR. The store opens, and its schema is brought up to date, at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddSqliteStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSqliteIdentityAndAudit();
        services.AddSingleton(InventorySchema.V1);
        services.AddSingleton(InventorySchema.V2);
        services.AddSingleton(QueueSchema.V1);
        services.AddSingleton(SandboxSchema.V1);
        services.AddSingleton(SandboxSchema.V2);
        services.AddSingleton(NotificationSchema.V1);
        services.AddSingleton(ApprovalSchema.V1);
        services.AddSingleton(ImageSchema.V1);
        services.AddSingleton(DriftSchema.V1);
        services.AddSingleton(DriftSchema.V2);
        services.AddSingleton(RolloutSchema.V1);
        services.AddSingleton(RolloutSchema.V2);
        services.AddSingleton(DrSchema.V1);
        services.AddSingleton(SandboxDrSchema.V1);
        services.AddSingleton(CertificateSchema.V1);
        services.AddSingleton(SecretSchema.V1);
        services.AddSingleton(AiSchema.V1);
        services.AddSingleton(ComplianceSchema.V1);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<Qlrf.Health.IReadinessCheck, SqliteReadinessCheck>();
        services.AddSingleton<SqliteAssetChangeQueue>();
        services.AddSingleton<IAssetChangeQueue>(sp => sp.GetRequiredService<SqliteAssetChangeQueue>());
        services.AddSingleton<IDeadLetters>(sp => sp.GetRequiredService<SqliteAssetChangeQueue>());
        services.AddSingleton<SqliteDiscoveryStore>();
        services.AddSingleton<IDiscoveryStore>(sp => sp.GetRequiredService<SqliteDiscoveryStore>());
        services.AddSingleton<SqliteInventoryStore>();
        services.AddSingleton<IInventoryStore>(sp => sp.GetRequiredService<SqliteInventoryStore>());
        services.AddSingleton<Qlrf.Execution.ISandboxStateStore, SqliteSandboxStateStore>();
        services.AddSingleton<Qlrf.Approvals.IApprovalStore, SqliteApprovalStore>();
        services.AddSingleton<SqliteNotificationOutbox>();
        services.AddSingleton<Qlrf.Notifications.INotificationOutbox>(sp => sp.GetRequiredService<SqliteNotificationOutbox>());
        services.AddSingleton<SqliteImageStore>();
        services.AddSingleton<IImageStore>(sp => sp.GetRequiredService<SqliteImageStore>());
        services.AddSingleton<SqliteDriftStore>();
        services.AddSingleton<IDriftStore>(sp => sp.GetRequiredService<SqliteDriftStore>());
        services.AddSingleton<Qlrf.Rollouts.IRolloutStore, SqliteRolloutStore>();
        services.AddSingleton<Qlrf.Dr.IDrPairStore, SqliteDrPairStore>();
        services.AddSingleton<Qlrf.Dr.IDrillStore, SqliteDrillStore>();
        services.AddSingleton<Qlrf.Execution.ISandboxDrStateStore, SqliteSandboxDrStateStore>();
        services.AddSingleton<Qlrf.Certificates.ICertificateStore, SqliteCertificateStore>();
        services.AddSingleton<Qlrf.Compliance.IComplianceStore, SqliteComplianceStore>();
        services.AddSingleton<Qlrf.Secrets.ISecretStore, SqliteSecretStore>();
        services.AddSingleton<SqliteAiStore>();
        services.AddSingleton<Qlrf.Ai.IAiTaskStore>(sp => sp.GetRequiredService<SqliteAiStore>());
        services.AddSingleton<Qlrf.Ai.IAiUsageStore>(sp => sp.GetRequiredService<SqliteAiStore>());
        return builder;
    }
}
