using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Discovery;
using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Execution;
using Qlrf.Health;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Notifications;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.Store.Tables;

public static class TableStoreServiceCollectionExtensions
{
    /// <summary>
    /// The Functions apps' counterpart of <c>AddSqliteStore</c> (section <c>Qlrf:Tables</c>): the stores that have a Table
    /// Storage adapter, behind their ports: inventory, discovery, identity, audit, approvals, notifications, sandbox
    /// state, the image registry, drift, rollouts, DR pairs and drills, and the sandbox DR simulator's state. Needs a <c>TokenCredential</c> (the app's managed identity) and, for
    /// discovery, an <c>IAssetChangePublisher</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTableStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TableStoreOptions>().BindConfiguration(TableStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITables, AzureTables>();
        services.AddSingleton<IReadinessCheck, TableReadinessCheck>();
        services.AddSingleton<TableInventoryStore>();
        services.AddSingleton<IInventoryStore>(sp => sp.GetRequiredService<TableInventoryStore>());
        services.AddSingleton<IDiscoveryStore, TableDiscoveryStore>();
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.AddSingleton<IRoleBindingStore, TableRoleBindingStore>();
        services.AddSingleton<TableAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<TableAuditLog>());
        services.AddSingleton<IAuditReader>(sp => sp.GetRequiredService<TableAuditLog>());
        services.AddSingleton<IApprovalStore, TableApprovalStore>();
        services.AddSingleton<INotificationOutbox, TableNotificationOutbox>();
        services.AddSingleton<ISandboxStateStore, TableSandboxStateStore>();
        services.AddSingleton<IImageStore, TableImageStore>();
        services.AddSingleton<IDriftStore, TableDriftStore>();
        services.AddSingleton<IRolloutStore, TableRolloutStore>();
        services.AddSingleton<Qlrf.Certificates.ICertificateStore, TableCertificateStore>();
        services.AddSingleton<Qlrf.Compliance.IComplianceStore, TableComplianceStore>();
        services.AddSingleton<Qlrf.Secrets.ISecretStore, TableSecretStore>();
        services.AddSingleton<IDrPairStore, TableDrPairStore>();
        services.AddSingleton<IDrillStore, TableDrillStore>();
        services.AddSingleton<ISandboxDrStateStore, TableSandboxDrStateStore>();
        services.AddSingleton<TableAiStore>();
        services.AddSingleton<Qlrf.Ai.IAiTaskStore>(sp => sp.GetRequiredService<TableAiStore>());
        services.AddSingleton<Qlrf.Ai.IAiUsageStore>(sp => sp.GetRequiredService<TableAiStore>());
        return builder;
    }
}
