using Microsoft.Extensions.DependencyInjection;
using Qlrf.Audit;
using Qlrf.Security;

namespace Qlrf.Store.Sqlite;

internal static class SqliteIdentityServiceCollectionExtensions
{
    /// <summary>API keys, role bindings and the audit log on the embedded store.</summary>
    public static IServiceCollection AddSqliteIdentityAndAudit(this IServiceCollection services)
    {
        services.AddSingleton(IdentitySchema.V1);
        services.AddSingleton(AuditSchema.V1);
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<IRoleBindingStore, SqliteRoleBindingStore>();
        services.AddSingleton<SqliteAuditStore>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditStore>());
        services.AddSingleton<IAuditReader>(sp => sp.GetRequiredService<SqliteAuditStore>());
        return services;
    }
}
